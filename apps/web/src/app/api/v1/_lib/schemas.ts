import { z } from "zod";

/** Response schemas of the public API: the OpenAPI document is generated from them. */
export const localizedText = z.object({ fr: z.string(), en: z.string() });

export const identificationAccepted = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "processing", "done", "failed"]),
    statusUrl: z.string(),
  })
  .meta({ id: "IdentificationAccepted" });

export const categorySchema = z
  .object({
    letters: z.array(z.enum(["A", "B", "C", "D"])).describe("several letters when the photo and answers cannot decide; empty when not classified"),
    notClassified: z.boolean(),
    wording: z.array(z.object({ letter: z.enum(["A", "B", "C", "D"]).nullable(), fr: z.string(), en: z.string() })),
    conditions: z.array(z.object({ key: z.string(), fr: z.string(), en: z.string() })),
    questions: z.array(z.object({ key: z.string(), fr: z.string(), en: z.string() })).describe("what would settle a multi-letter category"),
    rulesVersion: z.string(),
  })
  .meta({ id: "Category" });

export const identificationResult = z
  .object({
    status: z.enum(["identified", "not_determined", "no_firearm"]),
    typology: z.object({ key: z.string(), label: z.string(), labels: localizedText }).nullable().describe("null when the tier is low or no firearm was detected"),
    topCandidates: z.array(z.object({ key: z.string(), label: z.string(), probability: z.number() })),
    family: z.enum(["handgun", "long_gun"]).nullable(),
    familyConfidence: z.number(),
    confidence: z.number().min(0).max(1).describe("calibrated probability of the top typology"),
    tier: z.enum(["low", "medium", "high"]),
    probabilities: z.record(z.string(), z.number()).describe("typology key -> calibrated probability"),
    noFirearmScore: z.number(),
    category: categorySchema.nullable().describe("null below the medium tier: never a category without a typology"),
    notice: localizedText,
    modelVersion: z.string(),
    rulesVersion: z.string(),
    latencyMs: z.number().int(),
  })
  .meta({ id: "IdentificationResult" });

export const keyAnswerSchema = z
  .object({ question: z.string(), option: z.string().describe('an option id of that question, or "unknown" for «je ne sais pas»') })
  .meta({ id: "KeyAnswer" });

export const officerChoiceRequest = z
  .object({
    typology: z.string().nullable().optional().describe("a typology key of the catalogue (twelve keys, see the result's probabilities)"),
    keyAnswers: z.array(keyAnswerSchema).max(12).optional().describe("the visual key's answers in order, from the family question or a family's first question; must reach the end of the key"),
  })
  .describe("at least one of typology and keyAnswers; a typology given with key answers must be where the key ends, or in the family it ends on")
  .meta({ id: "OfficerChoiceRequest" });

export const officerChoiceSchema = z
  .object({
    source: z.literal("officer").describe("always the officer's own identification: never the model's nor an expert's answer"),
    typology: z.object({ key: z.string(), label: z.string(), labels: localizedText }).nullable().describe("null when the key ended on a family or undetermined"),
    family: z.enum(["handgun", "long_gun"]).nullable(),
    keyAnswers: z.array(keyAnswerSchema),
    chosenAt: z.iso.datetime(),
    category: categorySchema.nullable().describe("from the officer's typology and answers, as for a confident model answer"),
  })
  .meta({ id: "OfficerChoice" });

export const identificationStatus = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "processing", "done", "failed"]),
    createdAt: z.iso.datetime(),
    failureReason: z.string().nullable(),
    result: identificationResult.nullable(),
    officerChoice: officerChoiceSchema.nullable().describe("the officer's own identification (PATCH), once the case is done or in PATCH's answer; null when none"),
  })
  .meta({ id: "Identification" });

export const problemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional(), code: z.string().optional() })
  .meta({ id: "Problem" });
