/**
 * tRPC set-up in one place: context, error shape and the procedure tiers every router builds on.
 * Deny by default: a procedure is public only if it says so; every other one names its scope.
 */
import { hasScope, type Actor, type Scope } from "@basegun/auth";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { getServiceDeps, type ServiceDeps } from "./deps.ts";
import { ServiceError } from "./errors.ts";
import { isDatabaseUnavailable } from "@basegun/db";

export interface TRPCContext {
  actor: Actor | null;
  deps: ServiceDeps;
  headers: Headers;
}

export function createTRPCContext(opts: { actor: Actor | null; headers: Headers; deps?: ServiceDeps }): TRPCContext {
  return { actor: opts.actor, headers: opts.headers, deps: opts.deps ?? getServiceDeps() };
}

export const SERVICE_UNAVAILABLE_MESSAGE = "service temporarily unavailable; try again shortly";

const TRPC_CODES: Record<ServiceError["code"], TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

const t = initTRPC.context<TRPCContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // an unexpected error's own text may name internals (the database's host and port): never sent
      message: error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message,
      data: {
        ...shape.data,
        messageKey: cause instanceof ServiceError ? cause.messageKey : error.code === "SERVICE_UNAVAILABLE" ? "serviceUnavailable" : null,
        // the values a message needs in the user's language (e.g. which line, which label)
        details: cause instanceof ServiceError ? (cause.details ?? null) : null,
        zodError: cause instanceof ZodError ? cause.flatten() : null,
      },
    };
  },
});

/** Services throw ServiceError; turn them into tRPC errors with the same meaning. */
const serviceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ServiceError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODES[cause.code], message: cause.message, cause });
  }
  // the database went away during the call: "try again", not a bug, and without the driver's text
  if (!result.ok && isDatabaseUnavailable(result.error.cause ?? result.error)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: SERVICE_UNAVAILABLE_MESSAGE });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(serviceErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** A procedure reachable only with this permission scope (see @basegun/auth scopes). */
export const scopedProcedure = (scope: Scope) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!hasScope(ctx.actor.role, scope)) throw new TRPCError({ code: "FORBIDDEN", message: `missing permission ${scope}` });
    return next();
  });
