import type { IdentificationAnswers } from "@basegun/domain";

/** What the officer typed, per field, before it becomes answers. */
export type Draft = Record<string, string>;

// same bounds as the API's answers schema: a value outside them is a typing error, not a weapon
const MAX_LENGTH_CM = 300;
const MAX_CAPACITY = 200;

/** French decimal comma accepted ("45,5"); anything that is not a positive finite number is refused. */
export function parsePositiveNumber(raw: string): number | null {
  const trimmed = raw.trim();
  if (!/^\d+([.,]\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) && value > 0 ? value : null;
}

function fromOptionValue(raw: string): string | boolean {
  return raw === "true" ? true : raw === "false" ? false : raw;
}

/** Turns what was typed into answers; `invalid` lists the fields whose value cannot be right. */
export function draftToAnswers(draft: Draft): { answers: IdentificationAnswers; invalid: string[] } {
  const answers: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [field, raw] of Object.entries(draft)) {
    if (raw.trim() === "" || field === "noMarkings") continue;
    switch (field) {
      case "overallLengthCm":
      case "barrelLengthCm": {
        const value = parsePositiveNumber(raw);
        if (value === null || value > MAX_LENGTH_CM) invalid.push(field);
        else answers[field] = value;
        break;
      }
      case "magazineCapacity": {
        const value = parsePositiveNumber(raw);
        if (value === null || !Number.isInteger(value) || value > MAX_CAPACITY) invalid.push(field);
        else answers[field] = value;
        break;
      }
      case "markingsText":
        answers[field] = raw.trim();
        break;
      default:
        answers[field] = fromOptionValue(raw);
    }
  }
  // "no readable markings" wins over anything typed before the box was ticked
  if (draft.noMarkings === "true") answers.markingsText = "";
  // a length source means nothing without a length
  if (answers.overallLengthCm === undefined && answers.barrelLengthCm === undefined) delete answers.lengthSource;
  return { answers: answers as IdentificationAnswers, invalid };
}
