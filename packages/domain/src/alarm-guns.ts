import { editDistance } from "./edit-distance.ts";

export type AlarmGunKind = "pistol" | "revolver";

export interface AlarmGun {
  id: string;
  brand: string;
  model: string;
  kind: AlarmGunKind;
  /** Every token must appear in the markings (after OCR folding), next to the brand word. */
  modelTokens: string[];
}

/**
 * The official reference list (arrêté; 10 pistols and 3 revolvers). Only these count as alarm guns
 * (category C): a "PAK" marking alone does not (prototype issue #544).
 */
export const ALARM_GUNS: readonly AlarmGun[] = [
  { id: "zoraki-r2", brand: "Zoraki", model: "R2", kind: "revolver", modelTokens: ["R2"] },
  { id: "zoraki-925", brand: "Zoraki", model: "925", kind: "pistol", modelTokens: ["925"] },
  { id: "zoraki-906", brand: "Zoraki", model: "906", kind: "pistol", modelTokens: ["906"] },
  { id: "zoraki-2906", brand: "Zoraki", model: "2906", kind: "pistol", modelTokens: ["2906"] },
  { id: "zoraki-918", brand: "Zoraki", model: "918", kind: "pistol", modelTokens: ["918"] },
  { id: "kimar-911", brand: "Kimar", model: "911", kind: "pistol", modelTokens: ["911"] },
  { id: "kimar-75-auto", brand: "Kimar", model: "75 Auto", kind: "pistol", modelTokens: ["75", "AUTO"] },
  { id: "kimar-92-auto", brand: "Kimar", model: "92 Auto", kind: "pistol", modelTokens: ["92", "AUTO"] },
  {
    id: "kimar-competitive-alarm",
    brand: "Kimar",
    model: "Competitive Alarm",
    kind: "revolver",
    modelTokens: ["COMPETITIVE"],
  },
  { id: "kimar-power-alarm", brand: "Kimar", model: "Power Alarm", kind: "revolver", modelTokens: ["POWER"] },
  { id: "blow-f92", brand: "Blow", model: "F92", kind: "pistol", modelTokens: ["F92"] },
  { id: "blow-f92-auto", brand: "Blow", model: "F92 Auto", kind: "pistol", modelTokens: ["F92", "AUTO"] },
  { id: "blow-c75", brand: "Blow", model: "C75", kind: "pistol", modelTokens: ["C75"] },
];

export function alarmGunName(gun: AlarmGun): string {
  return `${gun.brand} ${gun.model}`;
}

/**
 * Folds characters OCR confuses (O/0, I/l/1, S/5 as in the prototype's "92s") and accents, on both the
 * markings and the patterns, so the comparison ignores those confusions.
 */
export function foldOcr(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/O/g, "0")
    .replace(/[IL|!]/g, "1")
    .replace(/S/g, "5");
}

export function tokensOf(text: string): string[] {
  return foldOcr(text)
    .split(/[^A-Z0-9]+/)
    .filter((token) => token.length > 0);
}

/** Single tokens plus runs of 2 and 3 adjacent tokens joined, so "ZORA KI" or "9 25" still match. */
export function tokenSpans(tokens: string[]): string[] {
  const spans: string[] = [];
  for (let start = 0; start < tokens.length; start++) {
    let joined = "";
    for (let length = 1; length <= 3 && start + length <= tokens.length; length++) {
      joined += tokens[start + length - 1];
      spans.push(joined);
    }
  }
  return spans;
}

/** A brand word, or a word model token of 4+ letters, tolerates one OCR error; numbers must be exact. */
function wordMatches(pattern: string, spans: string[]): boolean {
  const folded = foldOcr(pattern);
  const isWord = /^[A-Z]{4,}$/.test(pattern.toUpperCase());
  return spans.some((span) => (isWord ? editDistance(span, folded) <= 1 : span === folded));
}

/**
 * Matches OCR or typed markings against the reference list. Requires the brand word (one OCR error
 * tolerated) and every model token; when several models match, the most specific wins ("F92 AUTO" over
 * "F92", "2906" over "906"); an equally specific tie returns null (let the officer choose).
 */
export function matchAlarmGun(markingsText: string): AlarmGun | null {
  const spans = tokenSpans(tokensOf(markingsText));
  if (spans.length === 0) return null;
  const brandFound = new Map<string, boolean>();
  const matches = ALARM_GUNS.filter((gun) => {
    if (!brandFound.has(gun.brand)) brandFound.set(gun.brand, wordMatches(gun.brand, spans));
    return brandFound.get(gun.brand) === true && gun.modelTokens.every((token) => wordMatches(token, spans));
  });
  const specificity = (gun: AlarmGun) => gun.modelTokens.join("").length;
  const best = Math.max(...matches.map(specificity));
  const bestMatches = matches.filter((gun) => specificity(gun) === best);
  return bestMatches.length === 1 ? (bestMatches[0] ?? null) : null;
}

/** Looks a model picked from the list up by id ("zoraki-925") or name ("Zoraki 925"), case-insensitively. */
export function findAlarmGun(idOrName: string): AlarmGun | null {
  const wanted = idOrName.trim().toLowerCase().replace(/\s+/g, " ");
  return (
    ALARM_GUNS.find((gun) => gun.id === wanted || alarmGunName(gun).toLowerCase() === wanted) ?? null
  );
}
