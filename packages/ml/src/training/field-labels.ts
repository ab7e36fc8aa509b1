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
 * Chosen on the learning curve of the production model (`pnpm model:learning-curve --model 2026.12.06-3`,
 * selection sets only; models/2026.12.06-3/LEARNING_CURVE.md) among 1, 5, 20 and 50 (20 and 50 within
 * 0.1 point: the smaller wins; on 2026.12.06-2's features 50 won by 0.5). What it changes: with a source
 * the web data lacks (the Caltech revolvers left out of the base model), 5 labelled photos bring its test
 * photos wrongly called "no firearm" from 34.8 % to 10.1 % at weight 1 and 4.3 % at weight 20; with
 * stand-ins like the web photos no weight moves test top-1 beyond ±0.3 point. An admin may set another
 * weight per run (training parameter `fieldLabelWeight`). Rerun the curve once the platform holds a few
 * hundred expert labels: the weight that makes 5 photos count may give thousands too much say.
 */
export const FIELD_LABEL_WEIGHT = 20;
