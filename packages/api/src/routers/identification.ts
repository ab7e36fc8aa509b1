import { tracked } from "@trpc/server";
import { z } from "zod";
import { saveAnswers } from "../services/identification/answers.ts";
import { setOfficerChoice } from "../services/identification/officer-choice.ts";
import { officerChoiceInputSchema } from "../services/identification/officer-choice-input.ts";
import { getIdentification, listIdentifications } from "../services/identification/read.ts";
import { retryIdentification } from "../services/identification/retry.ts";
import { countUnseenVerdicts, markVerdictSeen } from "../services/identification/verdict-seen.ts";
import { watchIdentification } from "../services/identification/watch.ts";
import { expertRequestInputSchema } from "../services/review/expert-request.ts";
import { requestExpert } from "../services/review/request.ts";
import { answersSchema, caseIdSchema } from "../schemas.ts";
import { createTRPCRouter, scopedProcedure } from "../trpc.ts";

const byIdInput = z.object({ id: caseIdSchema });

export const identificationRouter = createTRPCRouter({
  list: scopedProcedure("identification:read:own")
    .input(z.object({ cursor: caseIdSchema.optional(), limit: z.number().int().min(1).max(100).optional(), scope: z.enum(["mine", "unit"]).optional() }).default({}))
    .query(({ ctx, input }) => listIdentifications(ctx.deps, ctx.actor, input)),

  byId: scopedProcedure("identification:read:own")
    .input(byIdInput)
    .query(({ ctx, input }) => getIdentification(ctx.deps, ctx.actor, input.id)),

  /** how many of the officer's cases hold an expert verdict they have not opened yet (header and list badge) */
  unseenVerdicts: scopedProcedure("identification:read:own")
    .output(z.object({ count: z.number().int().min(0) }))
    .query(async ({ ctx }) => ({ count: await countUnseenVerdicts(ctx.deps, ctx.actor) })),

  /** the owner opened the case: its verdict is no longer new (a colleague's reading changes nothing) */
  markVerdictSeen: scopedProcedure("identification:read:own")
    .input(byIdInput)
    .output(z.object({ seen: z.boolean() }))
    .mutation(({ ctx, input }) => markVerdictSeen(ctx.deps, ctx.actor, input.id)),

  onUpdate: scopedProcedure("identification:read:own")
    .input(byIdInput)
    .subscription(async ({ ctx, input, signal }) => {
      // the access check runs before the stream opens, inside the procedure's middlewares: a case the
      // caller may not read is a 404 like every other read (inside the stream it was a 500 and a stack)
      const first = await getIdentification(ctx.deps, ctx.actor, input.id);
      return (async function* () {
        for await (const view of watchIdentification(ctx.deps, ctx.actor, input.id, signal, first)) {
          yield tracked(`${view.status}-${view.updatedAt.getTime()}`, view);
        }
      })();
    }),

  saveAnswers: scopedProcedure("identification:answer:own")
    // cannotAnswer: "je ne sais pas" to the questions still open; the case goes to an expert if they matter
    .input(z.object({ id: caseIdSchema, answers: answersSchema, cannotAnswer: z.boolean().optional() }))
    .mutation(({ ctx, input }) => saveAnswers(ctx.deps, ctx.actor, input.id, input.answers, { cannotAnswer: input.cannotAnswer })),

  /** "Quelle arme avez-vous ?": the officer's own identification (a card, the visual key, or both); goes to an expert */
  setOfficerChoice: scopedProcedure("identification:answer:own")
    .input(z.object({ id: caseIdSchema, choice: officerChoiceInputSchema }))
    .mutation(({ ctx, input }) => setOfficerChoice(ctx.deps, ctx.actor, input.id, input.choice)),

  /** "Demander l'avis d'un expert"; extra photos are uploaded first (addPhotos, multipart route) */
  requestExpert: scopedProcedure("identification:create")
    .input(z.object({ id: caseIdSchema, request: expertRequestInputSchema.default({}) }))
    .mutation(({ ctx, input }) => requestExpert(ctx.deps, ctx.actor, input.id, input.request)),

  retry: scopedProcedure("identification:create")
    .input(byIdInput)
    .mutation(({ ctx, input }) => retryIdentification(ctx.deps, ctx.actor, input.id)),
});
