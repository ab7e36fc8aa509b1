import type { BarrelBore } from "./answers.ts";
import type { CategoryLetter, LengthLimit, LengthThresholds } from "./rules.ts";

type LengthState = "short" | "mid" | "long";
export type LengthClass = "short" | "between" | "long";

function stateOf(valueCm: number, limit: LengthLimit): LengthState {
  const short = limit.shortInclusive ? valueCm <= limit.shortUpToCm : valueCm < limit.shortUpToCm;
  if (short) return "short";
  return valueCm > limit.longAboveCm ? "long" : "mid";
}

/** A missing length could be in any state its limit allows (no "mid" when short and long touch). */
function possibleStates(valueCm: number | undefined, limit: LengthLimit): LengthState[] {
  if (valueCm !== undefined) return [stateOf(valueCm, limit)];
  const midExists =
    limit.longAboveCm > limit.shortUpToCm || (limit.longAboveCm === limit.shortUpToCm && !limit.shortInclusive);
  return midExists ? ["short", "mid", "long"] : ["short", "long"];
}

/**
 * Every class the weapon can be in given what was measured: a missing length is "anything", so one short
 * length is enough for "short", while "long" needs both lengths.
 */
export function possibleLengthClasses(
  overallLengthCm: number | undefined,
  barrelLengthCm: number | undefined,
  thresholds: LengthThresholds,
): Set<LengthClass> {
  const classes = new Set<LengthClass>();
  for (const overall of possibleStates(overallLengthCm, thresholds.overall)) {
    for (const barrel of possibleStates(barrelLengthCm, thresholds.barrel)) {
      if (overall === "short" || barrel === "short") classes.add("short");
      else if (overall === "long" && barrel === "long") classes.add("long");
      else classes.add("between");
    }
  }
  return classes;
}

/** Short → B, long → C; in between, the bore decides (smooth → B, rifled → C), unknown → B or C. */
export function lettersOfLengthClass(lengthClass: LengthClass, bore: BarrelBore | undefined): CategoryLetter[] {
  if (lengthClass === "short") return ["B"];
  if (lengthClass === "long") return ["C"];
  if (bore === "smooth") return ["B"];
  if (bore === "rifled") return ["C"];
  return ["B", "C"];
}
