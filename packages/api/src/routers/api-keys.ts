import { z } from "zod";
import { apiKeyLabelSchema, createApiKey, listApiKeys, renameApiKey, revokeApiKey } from "../services/api-keys/manage.ts";
import { createTRPCRouter, scopedProcedure } from "../trpc.ts";

const apiKeyIdSchema = z.string().regex(/^c[a-z0-9]{20,40}$/, "invalid key id");
const apiKeySchema = z.object({
  id: z.string(),
  label: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  owner: z.object({ id: z.string(), email: z.string(), name: z.string() }),
});

/** The caller's request metadata for the audit row. */
const requestMeta = (headers: Headers) => ({ ip: headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null, userAgent: headers.get("user-agent") });

export const apiKeysRouter = createTRPCRouter({
  list: scopedProcedure("apiKey:manage:own")
    .input(z.object({ all: z.boolean().optional() }).optional())
    .output(z.array(apiKeySchema))
    .query(({ ctx, input }) => listApiKeys(ctx.deps, ctx.actor, { all: input?.all })),

  create: scopedProcedure("apiKey:manage:own")
    .input(z.object({ label: apiKeyLabelSchema, ownerEmail: z.email().optional() }))
    .output(z.object({ key: z.string(), apiKey: apiKeySchema }))
    .mutation(({ ctx, input }) => createApiKey(ctx.deps, ctx.actor, { ...input, ...requestMeta(ctx.headers) })),

  rename: scopedProcedure("apiKey:manage:own")
    .input(z.object({ id: apiKeyIdSchema, label: apiKeyLabelSchema }))
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => renameApiKey(ctx.deps, ctx.actor, input.id, input.label, requestMeta(ctx.headers))),

  revoke: scopedProcedure("apiKey:manage:own")
    .input(z.object({ id: apiKeyIdSchema }))
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, ctx.actor, input.id, requestMeta(ctx.headers))),
});
