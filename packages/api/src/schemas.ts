import { REVOLVER_MECHANISMS, type IdentificationAnswers } from "@basegun/domain";
import { z } from "zod";

const centimetres = z.number().positive().max(300);

/** The officer's answers, validated at the edge; mirrors the domain's IdentificationAnswers. */
export const answersSchema = z
  .object({
    overallLengthCm: centimetres.optional(),
    barrelLengthCm: centimetres.optional(),
    lengthSource: z.enum(["measured", "photo"]).optional(),
    ammunition: z.enum(["cartridges", "bullets", "bbs"]).optional(),
    revolverMechanism: z.enum(REVOLVER_MECHANISMS).optional(),
    alarmGunModel: z.string().max(80).optional(),
    markingsText: z.string().max(500).optional(),
    magazineCapacity: z.number().int().min(0).max(200).optional(),
    barrelBore: z.enum(["smooth", "rifled"]).optional(),
    stockFixed: z.boolean().optional(),
    detachableMagazine: z.boolean().optional(),
    originallyAutomatic: z.boolean().optional(),
    foldingStockUnder60: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<IdentificationAnswers>;

export const caseIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, "invalid id");

export const caseContextSchema = z.object({
  procedureNumber: z.string().trim().max(64).optional(),
  urgency: z.enum(["normal", "urgent"]).default("normal"),
});

export const photoKindSchema = z.enum(["overview", "left", "right", "markings", "magazine"]);

/**
 * tRPC's infinite queries (useInfiniteQuery / infiniteQueryOptions) send the page cursor and a
 * `direction` ("forward" | "backward") beside the procedure's own input, so a `.strict()` input that is
 * paged this way must accept `direction` too (otherwise every page is a 400 "Unrecognized key").
 * Only forward paging is implemented: the services ignore `direction`.
 */
export const infiniteDirectionSchema = z.enum(["forward", "backward"]).optional();
