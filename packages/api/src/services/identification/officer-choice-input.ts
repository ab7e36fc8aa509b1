import {
  InvalidKeyAnswersError,
  isTypologyKey,
  TYPOLOGIES,
  walkKey,
  type Family,
  type KeyAnswer,
  type TypologyKey,
} from "@basegun/domain";
import { z } from "zod";
import { ServiceError } from "../../errors.ts";

/**
 * What the officer says about the weapon: a typology (a card, or the key's end), the visual key's
 * answers, or both. Shapes only: the catalogue and the key are checked by resolveOfficerChoice, so the
 * web app and the public API refuse the same things with the same codes.
 */
export const officerChoiceInputSchema = z
  .object({
    typology: z.string().max(80).nullable().optional().describe("typology key from the catalogue (a card, or where the key ended)"),
    keyAnswers: z
      .array(z.object({ question: z.string().max(80), option: z.string().max(80) }).strict())
      .max(12)
      .optional()
      .describe("the visual key's answers in order: [{question, option}], option \"unknown\" for «je ne sais pas»"),
  })
  .strict();

export type OfficerChoiceInput = z.infer<typeof officerChoiceInputSchema>;

export interface ResolvedOfficerChoice {
  /** null when the key ended on a family or undetermined and no card was chosen */
  typology: TypologyKey | null;
  family: Family | null;
  keyAnswers: KeyAnswer[];
}

const bad = (message: string, messageKey: string, details?: Record<string, unknown>) => new ServiceError("BAD_REQUEST", message, messageKey, details);

/**
 * Checks the officer's choice against the catalogue and the key (walkKey) and says what it amounts to.
 * A typology given with key answers must be where the key ended, or in the family it ended on.
 */
export function resolveOfficerChoice(input: OfficerChoiceInput): ResolvedOfficerChoice {
  const keyAnswers = input.keyAnswers ?? [];
  const given = input.typology ?? null;
  if (given === null && input.keyAnswers === undefined) throw bad("give a typology, key answers, or both", "officerChoiceEmpty");
  if (given !== null && !isTypologyKey(given)) throw bad(`unknown typology "${given}"`, "officerChoiceUnknownTypology", { typology: given });

  if (input.keyAnswers === undefined) return { typology: given, family: given ? TYPOLOGIES[given].family : null, keyAnswers: [] };

  let step: ReturnType<typeof walkKey>;
  try {
    step = walkKey(keyAnswers);
  } catch (error) {
    if (error instanceof InvalidKeyAnswersError) {
      throw bad(error.message, "officerChoiceInvalidKey", { reason: error.reason, index: error.index });
    }
    throw error;
  }
  switch (step.kind) {
    case "question":
      throw bad(`the key is not finished: question "${step.question.id}" is still to answer`, "officerChoiceKeyUnfinished", { question: step.question.id });
    case "typology":
      if (given !== null && given !== step.typology) {
        throw bad(`the key ends on "${step.typology}", not "${given}"`, "officerChoiceKeyConflict", { keyTypology: step.typology });
      }
      return { typology: step.typology, family: TYPOLOGIES[step.typology].family, keyAnswers };
    case "family":
      if (given !== null && TYPOLOGIES[given].family !== step.family) {
        throw bad(`the key ends on the family "${step.family}", "${given}" is not in it`, "officerChoiceKeyConflict", { keyFamily: step.family });
      }
      return { typology: given, family: step.family, keyAnswers };
    case "undetermined":
      return { typology: given, family: given ? TYPOLOGIES[given].family : null, keyAnswers };
  }
}
