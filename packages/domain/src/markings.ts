import { ALARM_GUNS, alarmGunName, foldOcr, matchAlarmGun, tokenSpans, tokensOf, type AlarmGun } from "./alarm-guns.ts";
import { editDistance } from "./edit-distance.ts";
import { REFERENCE_MODELS, type ReferenceModel } from "./reference-models-data.ts";
import type { TypologyKey } from "./typologies.ts";

/**
 * Markings read on a weapon (OCR of a close-up photo, or typed) → a reference model. Reference alarm
 * guns come first: they decide the legal category (C), whereas a catalogue model only proposes a
 * typology and calibres.
 */

export type MarkingsMatch =
  | { kind: "alarm"; alarmGun: AlarmGun; typology: TypologyKey; calibres: string | null; label: string; score: number }
  | { kind: "catalogue"; reference: ReferenceModel; typology: TypologyKey; calibres: string; label: string; score: number }
  | { kind: "none" };

export interface MarkingsReading {
  /** What was read, in capitals, one space between words: shown to the officer and the expert. */
  normalised: string;
  match: MarkingsMatch;
}

/** A stable id for a catalogue entry (the catalogue has no ids of its own): "glock|17". */
export function referenceModelId(model: ReferenceModel): string {
  return `${model.make}|${model.model}`.toLowerCase();
}

export function findReferenceModelById(id: string): ReferenceModel | null {
  return REFERENCE_MODELS.find((model) => referenceModelId(model) === id) ?? null;
}

/**
 * Makers' names (alarm-gun brands and the catalogue's makes, 4+ letters), longest first: OCR often glues
 * the model to them ("BLOWC75", "MANURHINMR73").
 */
const KNOWN_WORDS: readonly string[] = [
  ...new Set(
    [...ALARM_GUNS.map((gun) => gun.brand), ...REFERENCE_MODELS.flatMap((model) => model.make.split(/[^A-Za-z]+/))]
      .map((word) => word.toUpperCase())
      .filter((word) => /^[A-Z]{4,}$/.test(word)),
  ),
].sort((a, b) => b.length - a.length);

/** "BLOWC75" → "BLOW C75": a maker's name at the start of a longer token is set apart (O/0, I/1 folded). */
function splitKnownWords(upper: string): string {
  return upper.replace(/[A-Z0-9|!]+/g, (token) => {
    const folded = foldOcr(token);
    const word = KNOWN_WORDS.find((known) => folded.length > known.length && folded.startsWith(foldOcr(known)));
    return word ? `${token.slice(0, word.length)} ${token.slice(word.length)}` : token;
  });
}

/**
 * Display form of OCR text: accents dropped, capitals, one space between words, and the spaces OCR often
 * drops put back: after a maker's name ("BLOWC75" → "BLOW C75"), between a model number and a calibre
 * ("C759MM" → "C75 9MM") and between a word and a number ("ZORAKI918CAL" → "ZORAKI 918 CAL"; "GL0CK",
 * "MR73", "P226" and "10MM" stay as read). The characters themselves are never changed: folding is for
 * matching only.
 */
export function normaliseMarkings(text: string): string {
  const upper = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase();
  return (
    splitKnownWords(upper)
      // a model number glued to an alarm calibre (6, 8 or 9 mm): "C759MM" → "C75 9MM", "9189MM" → "918 9MM"
      .replace(/(\d{2,})([689])(?=MM)/g, "$1 $2")
      .replace(/([A-Z]{3,})(?=\d{2,})/g, "$1 ")
      .replace(/(\d{2,})(?=[A-Z]{3,})/g, "$1 ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/**
 * Letters and digits that OCR glued together, split ("ZORAKI918CAL9MM" → "ZORAKI 918 CAL 9 MM"): PP-OCR
 * often drops the spaces of stamped markings, and the tolerant matcher works on words (a word split
 * by a misread digit, "GL0CK", is joined again by the matcher's spans of adjacent tokens).
 */
function splitGlued(text: string): string {
  return text.replace(/([A-Z])(?=\d)/g, "$1 ").replace(/(\d)(?=[A-Z])/g, "$1 ");
}

/**
 * The readings the matcher tries, most literal first: the text as read, its normalised form, and the
 * normalised form where a "1" glued after a word goes back to the word (I/l read as 1: "ZORAK1918" is
 * "ZORAKI 918" far more often than "ZORAK 1918").
 */
function readingsOf(text: string): string[] {
  const upper = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
  const oneBackToWord = upper.replace(/([A-Z]{3,})1(?=\d)/g, "$11 ");
  return [...new Set([text, splitGlued(normaliseMarkings(text)), splitGlued(normaliseMarkings(oneBackToWord))])];
}

const ALARM_TYPOLOGY: Record<AlarmGun["kind"], TypologyKey> = { pistol: "pistolet_semi_auto_moderne", revolver: "revolver" };

/** 1 when every word was read exactly, less for each OCR error the tolerant match forgave. */
function wordScore(patterns: string[], spans: string[]): number {
  let chars = 0;
  let edits = 0;
  for (const pattern of patterns) {
    const folded = foldOcr(pattern).replace(/[^A-Z0-9]/g, "");
    chars += folded.length;
    edits += Math.min(...spans.map((span) => editDistance(span, folded)));
  }
  return chars === 0 ? 0 : Math.max(0, 1 - edits / chars);
}

function matchAlarm(readings: string[]): MarkingsMatch | null {
  for (const reading of readings) {
    const gun = matchAlarmGun(reading);
    if (!gun) continue;
    const spans = tokenSpans(tokensOf(reading));
    const reference = REFERENCE_MODELS.find((model) => model.make === gun.brand && model.model === gun.model) ?? null;
    return {
      kind: "alarm",
      alarmGun: gun,
      typology: ALARM_TYPOLOGY[gun.kind],
      calibres: reference?.typicalCalibres ?? null,
      label: alarmGunName(gun),
      score: wordScore([gun.brand, ...gun.modelTokens], spans),
    };
  }
  return null;
}

/** One way a model's markings read: every token must be there ("GLOCK 17 AUSTRIA", or make + model). */
interface CataloguePattern {
  model: ReferenceModel;
  /** folded as the markings are (O/0, I/l/1, S/5) */
  tokens: string[];
  /** per token: a word of 4+ letters, which tolerates one OCR error (decided before folding) */
  words: boolean[];
  /** folded characters of the pattern: the longer, the more specific */
  specificity: number;
}

function patternOf(model: ReferenceModel, text: string): CataloguePattern | null {
  const raw = normaliseMarkings(text.replace(/\([^)]*\)/g, " "))
    .split(/[^A-Z0-9]+/)
    .filter((token) => token.length > 0);
  const tokens = raw.map(foldOcr);
  const specificity = tokens.join("").length;
  // "TT", "PM", "AK": two characters would match any stamped text
  return specificity >= 3 ? { model, tokens, words: raw.map((token) => /^[A-Z]{4,}$/.test(token)), specificity } : null;
}

const CATALOGUE_PATTERNS: readonly CataloguePattern[] = REFERENCE_MODELS.filter(
  // alarm guns are matched by their own list first; a catalogue copy would bypass its rules
  (model) => !ALARM_GUNS.some((gun) => gun.brand === model.make && gun.model === model.model),
).flatMap((model) =>
  [...model.markingsHint.split("/"), `${model.make} ${model.model}`]
    .map((text) => patternOf(model, text))
    .filter((pattern): pattern is CataloguePattern => pattern !== null),
);

/** Like the alarm-gun matcher: a word of 4+ letters tolerates one OCR error, numbers must be exact. */
function tokenMatches(folded: string, isWord: boolean, spans: string[]): boolean {
  return spans.some((span) => (isWord ? editDistance(span, folded) <= 1 : span === folded));
}

function matchCatalogue(readings: string[]): MarkingsMatch | null {
  for (const reading of readings) {
    const spans = tokenSpans(tokensOf(reading));
    if (spans.length === 0) continue;
    const found = CATALOGUE_PATTERNS.filter((pattern) => pattern.tokens.every((token, index) => tokenMatches(token, pattern.words[index] ?? false, spans)));
    // words glued together ("MANURHINMR73"): the whole pattern, exact, inside the text without spaces
    const byWords = found.length > 0;
    if (!byWords) {
      const compact = tokensOf(reading).join("");
      found.push(...CATALOGUE_PATTERNS.filter((pattern) => pattern.specificity >= 6 && compact.includes(pattern.tokens.join(""))));
    }
    if (found.length === 0) continue;
    const best = Math.max(...found.map((pattern) => pattern.specificity));
    const top = [...new Set(found.filter((pattern) => pattern.specificity === best).map((pattern) => pattern.model))];
    // two different models read equally well: let the officer or the expert choose
    if (top.length !== 1) return null;
    const model = top[0]!;
    const pattern = found.find((candidate) => candidate.model === model && candidate.specificity === best)!;
    return {
      kind: "catalogue",
      reference: model,
      typology: model.typology,
      calibres: model.typicalCalibres,
      label: `${model.make} ${model.model}`,
      // a glued match is exact by construction
      score: byWords ? wordScore(pattern.tokens, spans) : 1,
    };
  }
  return null;
}

/** Reads markings text against the reference alarm guns first, then the reference catalogue. */
export function matchMarkings(text: string): MarkingsReading {
  const normalised = normaliseMarkings(text);
  if (normalised.replace(/[^A-Z0-9]/g, "").length === 0) return { normalised: "", match: { kind: "none" } };
  const readings = readingsOf(text);
  return { normalised, match: matchAlarm(readings) ?? matchCatalogue(readings) ?? { kind: "none" } };
}
