/** What the officer (or a measuring/OCR module) can tell beyond the photo's typology. All optional. */

/** "measured": typed from a tape measure, compared with the legal thresholds (R311-1/R311-2).
 *  "photo": estimated from a photo with a reference card (about ±4 cm), compared with the prototype's
 *  inner margins. */
export type LengthSource = "measured" | "photo";

/** "bullets" (balles) and "cartridges" (cartouches) both mean a firearm; "bbs" (billes) a replica. */
export type Ammunition = "cartridges" | "bullets" | "bbs";

export type BarrelBore = "smooth" | "rifled";

/**
 * Revolver mechanisms, as the securing guide asks them. `loading_gate_hinged` is the hinged gate covering
 * the right side of the cylinder (French 1873 / 1892 service types); the prototype puts it with the
 * modern mechanisms (B), unlike the 1873 US notch-type gate (B or D).
 */
export const REVOLVER_MECHANISMS = [
  "black_powder",
  "swing_out",
  "loading_gate_1873",
  "loading_gate_hinged",
  "break_open_enfield",
  "break_open_old",
  "removable_axis",
  "unknown",
] as const;
export type RevolverMechanism = (typeof REVOLVER_MECHANISMS)[number];

export interface IdentificationAnswers {
  overallLengthCm?: number;
  barrelLengthCm?: number;
  /** Defaults to "photo" when lengths are given without a source: lengths normally come from the photo. */
  lengthSource?: LengthSource;
  ammunition?: Ammunition;
  revolverMechanism?: RevolverMechanism;
  /** Alarm-gun model picked from the reference list (id such as "zoraki-925", or name "Zoraki 925"). */
  alarmGunModel?: string;
  /** Markings read on the weapon (OCR or typed). An empty string means "no markings". */
  markingsText?: string;
  /** Maximum capacity, chamber included. */
  magazineCapacity?: number;
  barrelBore?: BarrelBore;
  stockFixed?: boolean;
  detachableMagazine?: boolean;
  /** Originally automatic, converted to semi-automatic. */
  originallyAutomatic?: boolean;
  /** A folding or telescopic stock brings it under 60 cm in its shortest configuration. */
  foldingStockUnder60?: boolean;
}

/** Rejects numbers that cannot be measurements: a wrong number must never produce a category. */
export function assertValidAnswers(answers: IdentificationAnswers): void {
  for (const field of ["overallLengthCm", "barrelLengthCm"] as const) {
    const value = answers[field];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`${field} must be a positive finite number of centimetres, got ${value}`);
    }
  }
  const capacity = answers.magazineCapacity;
  if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 0)) {
    throw new RangeError(`magazineCapacity must be a non-negative integer, got ${capacity}`);
  }
}
