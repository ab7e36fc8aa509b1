import { CATEGORY_LETTERS, TYPOLOGY_KEYS } from "@basegun/domain";
import { z } from "zod";
import { answersSchema } from "../../schemas.ts";

const text = (max: number) => z.string().trim().min(1).max(max);
const version = z.number().int().min(0);
const letter = z.enum(CATEGORY_LETTERS as readonly ["A", "B", "C", "D"]);

/**
 * The category is never sent as letters ticked by hand: the server computes it from the typology and
 * these answers (the officer's, completed or corrected by the expert). An expert who departs from the
 * rules sends an override: at least one letter and the reason.
 */
const categoryFields = {
  answers: answersSchema.optional(),
  // letters and explanation are checked by the domain (decideExpertCategory), which names what is missing
  override: z.object({ letters: z.array(letter).max(4), explanation: z.string().max(1000) }).strict().optional(),
};

/** What an expert decides; `version` is the review version they saw (optimistic concurrency). */
export const reviewDecisionSchema = z.discriminatedUnion("decision", [
  z
    .object({
      decision: z.literal("confirm"),
      version,
      /** one of the model's candidates (rank 3 at most, ties included); the top one when left out */
      typology: z.enum(TYPOLOGY_KEYS).optional(),
      ...categoryFields,
      notes: text(4000).optional(),
    })
    .strict(),
  z
    .object({
      decision: z.literal("correct"),
      version,
      typology: z.enum(TYPOLOGY_KEYS),
      ...categoryFields,
      /** further conditions in the expert's words, after the rules' own */
      conditions: z.array(text(500)).max(20).optional(),
      make: text(120).optional(),
      model: text(120).optional(),
      calibre: text(60).optional(),
      notes: text(4000).optional(),
    })
    .strict(),
  z.object({ decision: z.literal("unusable"), version, messageToOfficer: text(1000), notes: text(4000).optional() }).strict(),
]);
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;
