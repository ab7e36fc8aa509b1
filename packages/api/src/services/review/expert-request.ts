import { z } from "zod";

const centimetres = z.number().positive().max(300);

/** "Demander l'avis d'un expert": what the officer adds for the expert (stored in Case.expertRequest). */
export const expertRequestInputSchema = z
  .object({
    urgency: z.enum(["normal", "urgent"]).optional(),
    procedureNumber: z.string().trim().max(64).optional(),
    message: z.string().trim().max(2000).optional(),
    markingsDescription: z.string().trim().max(1000).optional(),
    overallLengthCm: centimetres.optional(),
    barrelLengthCm: centimetres.optional(),
    /** one of the case's own markings photos ("Photographier les marquages"), for the expert to look at first */
    markingsPhotoId: z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, "invalid id").optional(),
  })
  .strict();
export type ExpertRequestInput = z.infer<typeof expertRequestInputSchema>;

export const storedExpertRequestSchema = expertRequestInputSchema
  .omit({ urgency: true, procedureNumber: true })
  .extend({ requestedAt: z.string(), requestedById: z.string() });
export type StoredExpertRequest = z.infer<typeof storedExpertRequestSchema>;

/** The stored request, or null when absent or unreadable (never throws on old rows). */
export function expertRequestOf(value: unknown): StoredExpertRequest | null {
  const parsed = storedExpertRequestSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
