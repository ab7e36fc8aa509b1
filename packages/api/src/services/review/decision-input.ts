import { CATEGORY_LETTERS, TYPOLOGY_KEYS } from "@basegun/domain";
import { z } from "zod";

const text = (max: number) => z.string().trim().min(1).max(max);
const version = z.number().int().min(0);

/** What an expert decides; `version` is the review version they saw (optimistic concurrency). */
export const reviewDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("confirm"), version, notes: text(4000).optional() }).strict(),
  z
    .object({
      decision: z.literal("correct"),
      version,
      typology: z.enum(TYPOLOGY_KEYS),
      /** empty for "not classified" (a replica firing BBs) */
      categoryLetters: z.array(z.enum(CATEGORY_LETTERS as readonly ["A", "B", "C", "D"])).max(4),
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
