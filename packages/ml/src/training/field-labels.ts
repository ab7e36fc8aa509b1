/**
 * Field labels: photos of seized weapons labelled on the platform (expert verdicts, confirmed officer
 * feedback) or exported from it (`pnpm model:train --source <csv>`). They are what the model must get
 * right, and they are few beside thousands of web photos: each weighs FIELD_LABEL_WEIGHT times a web
 * photo of the same class in the typology head.
 */
export const PLATFORM_FIELD_SOURCES: readonly string[] = ["expert_review", "officer_feedback"];

export function isFieldSource(source: string): boolean {
  return PLATFORM_FIELD_SOURCES.includes(source) || source.startsWith("extra:");
}

/**
 * Chosen on the learning curve (`pnpm model:learning-curve --model 2026.12.06-2`, selection sets only;
 * models/2026.12.06-2/LEARNING_CURVE.md) among 1, 5, 20 and 50. What it changes: with a source the web
 * data lacks (the Caltech revolvers left out of the base model), 10 labelled photos bring its test photos
 * wrongly called "no firearm" from 39 % to 7 % at weight 1 and to 4 % at 20–50, its validation photos to
 * 14 % / 3 % / 0 %; with stand-ins like the web photos, every weight leaves top-1 where it was (±0.5 point).
 * An admin may set another weight per run (training parameter `fieldLabelWeight`). Rerun the curve once
 * the platform holds a few hundred expert labels: the weight that makes 10 photos count may give
 * thousands too much say.
 */
export const FIELD_LABEL_WEIGHT = 50;
