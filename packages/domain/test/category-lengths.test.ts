import { describe, expect, it } from "vitest";
import { categorize, type BarrelBore, type CategoryLetter, type LengthSource, type TypologyKey } from "../src/index.ts";

type Row = [
  typology: TypologyKey,
  source: LengthSource | undefined,
  overall: number | undefined,
  barrel: number | undefined,
  bore: BarrelBore | undefined,
  expected: CategoryLetter[],
];

const cases = (typology: TypologyKey, source: LengthSource | undefined, rows: [number | undefined, number | undefined, BarrelBore | undefined, CategoryLetter[]][]): Row[] =>
  rows.map(([overall, barrel, bore, expected]) => [typology, source, overall, barrel, bore, expected]);

// Photo (prototype) margins: L < 75 or C < 40 → B; L > 75 and C > 55 → C; otherwise B or C.
const PHOTO_COMMON: Row[] = (["epaule_a_verrou", "epaule_a_levier_sous_garde", "epaule_semi_auto_style_chasse"] as const).flatMap((typology) =>
  cases(typology, "photo", [
    [74.9, 60, undefined, ["B"]],
    [75, 60, undefined, ["B", "C"]],
    [75.1, 60, undefined, ["C"]],
    [80, 39.9, undefined, ["B"]],
    [80, 40, undefined, ["B", "C"]],
    [80, 55, undefined, ["B", "C"]],
    [80, 55.1, undefined, ["C"]],
    [75, 39, undefined, ["B"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [70, undefined, undefined, ["B"]],
    [80, undefined, undefined, ["B", "C"]],
    [undefined, 30, undefined, ["B"]],
    [undefined, 60, undefined, ["B", "C"]],
    // The bore settles the band in between.
    [80, 50, "smooth", ["B"]],
    [80, 50, "rifled", ["C"]],
    [75, 60, "rifled", ["C"]],
    [80, 60, "smooth", ["C"]],
    [70, 50, "rifled", ["B"]],
    [undefined, undefined, "rifled", ["B", "C"]],
    [undefined, undefined, "smooth", ["B", "C"]],
  ]),
);

// Tape measure: code R311 thresholds. Rifled: L ≤ 80 or C ≤ 45 → B. Smooth: C needs a barrel over 60.
const LEGAL_COMMON: Row[] = (["epaule_a_verrou", "epaule_semi_auto_style_chasse"] as const).flatMap((typology) =>
  cases(typology, "measured", [
    [80, 70, undefined, ["B"]],
    [80.1, 70, undefined, ["C"]],
    [90, 45, undefined, ["B"]],
    [90, 45.1, undefined, ["B", "C"]],
    [90, 60, undefined, ["B", "C"]],
    [90, 60.1, undefined, ["C"]],
    [90, 45.1, "rifled", ["C"]],
    [90, 60, "smooth", ["B"]],
    [90, 60.1, "smooth", ["C"]],
    [80, 70, "rifled", ["B"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [80, undefined, undefined, ["B"]],
    [undefined, 45, undefined, ["B"]],
    [undefined, 50, "smooth", ["B"]],
    [undefined, 50, "rifled", ["B", "C"]],
    [81, undefined, "smooth", ["B", "C"]],
  ]),
);

const PUMP: Row[] = [
  ...cases("epaule_a_pompe", "photo", [
    [75, 60, undefined, ["B"]],
    [75.1, 55, undefined, ["B"]],
    [75.1, 55.1, undefined, ["C"]],
    [90, 40, undefined, ["B"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [70, undefined, undefined, ["B"]],
    [undefined, 70, undefined, ["B", "C"]],
  ]),
  ...cases("epaule_a_pompe", "measured", [
    [80, 70, undefined, ["B"]],
    [80.1, 60, undefined, ["B"]],
    [80.1, 60.1, undefined, ["C"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [undefined, 60, undefined, ["B"]],
  ]),
];

const ONE_SHOT: Row[] = [
  ...cases("epaule_a_un_coup_par_canon", "photo", [
    [75, 50, undefined, ["B"]],
    [75.1, 40, undefined, ["B"]],
    [75.1, 40.1, undefined, ["C"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [undefined, 40, undefined, ["B"]],
  ]),
  ...cases("epaule_a_un_coup_par_canon", "measured", [
    [60, 40, undefined, ["B"]],
    [60.1, 30, undefined, ["B"]],
    [60.1, 30.1, undefined, ["C"]],
    [70, 35, undefined, ["C"]],
    [undefined, undefined, undefined, ["B", "C"]],
    [undefined, 30, undefined, ["B"]],
  ]),
];

describe("categorize: lengths", () => {
  it.each([...PHOTO_COMMON, ...LEGAL_COMMON, ...PUMP, ...ONE_SHOT])(
    "%s (%s thresholds) L=%s C=%s bore=%s → %j",
    (typology, lengthSource, overallLengthCm, barrelLengthCm, barrelBore, expected) => {
      const result = categorize(typology, { lengthSource, overallLengthCm, barrelLengthCm, barrelBore });
      expect(result.letters).toEqual(expected);
      expect(result.notClassified).toBe(false);
    },
  );

  it.each([
    [{ overallLengthCm: 80 }, "photo"],
    [{ overallLengthCm: 80, lengthSource: "photo" }, "photo"],
    [{ barrelLengthCm: 50, lengthSource: "measured" }, "legal"],
    [{ lengthSource: "measured" }, null],
    [{}, null],
  ] as const)("reports the thresholds used for %j: %s", (answers, expected) => {
    expect(categorize("epaule_a_verrou", answers).thresholds).toBe(expected);
  });

  it("gives no thresholds for typologies whose lengths do not decide", () => {
    expect(categorize("semi_auto_style_militaire_autre", { overallLengthCm: 50, lengthSource: "measured" }).thresholds).toBeNull();
  });

  it("uses the same length in cm differently by source (78 cm, 50 cm barrel: photo C-range vs legal B)", () => {
    const answers = { overallLengthCm: 78, barrelLengthCm: 56 };
    expect(categorize("epaule_a_verrou", { ...answers, lengthSource: "photo" }).letters).toEqual(["C"]);
    expect(categorize("epaule_a_verrou", { ...answers, lengthSource: "measured" }).letters).toEqual(["B"]);
  });
});
