import type { LengthSource, RevolverMechanism } from "./answers.ts";
import type { TypologyKey } from "./typologies.ts";

export type CategoryLetter = "A" | "B" | "C" | "D";
export const CATEGORY_LETTERS: readonly CategoryLetter[] = ["A", "B", "C", "D"];

/**
 * Version of the rules below. Every stored result records it; a change of law is a change of this data
 * (reviewed and tested), with a new version. "fr-2024-07": alarm guns moved from D to C in July 2024.
 */
export const RULES_VERSION = "fr-2024-07.1";

/**
 * One length, split in three states: "short" when below `shortUpToCm` (or equal to it when
 * `shortInclusive`), "long" when strictly above `longAboveCm`, "mid" in between.
 */
export interface LengthLimit {
  shortUpToCm: number;
  shortInclusive: boolean;
  longAboveCm: number;
}

/** A weapon is "short" if either length is short, "long" if both are long, "between" otherwise. */
export interface LengthThresholds {
  overall: LengthLimit;
  barrel: LengthLimit;
}

export type LengthRuleKind = "common" | "pump" | "one_shot_per_barrel";

/** Capacity (chamber included), long guns under 20 mm: ≤ maxForC → C allowed, ≤ maxForB → B, more → A. */
export interface CapacityLimits {
  maxForC: number;
  maxForB: number;
}
export type CapacityRuleKind = "semi_automatic" | "manual_repeat" | "pump";

/** Answers that, when true (or false for stockFixed), forbid category C. */
export type CategoryCBlocker = "detachable_magazine" | "stock_not_fixed";

export type TypologyRule =
  | { kind: "fixed"; letters: CategoryLetter[] }
  | {
      kind: "lengths";
      lengthRule: LengthRuleKind;
      capacity: CapacityRuleKind | null;
      cBlockers: CategoryCBlocker[];
    }
  | { kind: "military"; letters: CategoryLetter[]; capacity: CapacityRuleKind }
  | { kind: "alarm_capable_pistol"; letters: CategoryLetter[]; alarmGunLetters: CategoryLetter[] }
  | {
      kind: "revolver";
      byMechanism: Record<RevolverMechanism, CategoryLetter[]>;
      whenMechanismUnanswered: CategoryLetter[];
      alarmGunLetters: CategoryLetter[];
    };

export interface CategoryRules {
  version: string;
  lengths: Record<LengthSource, Record<LengthRuleKind, LengthThresholds>>;
  capacity: Record<CapacityRuleKind, CapacityLimits>;
  /** Letters for a military-style weapon with an A condition met (converted automatic, short folding stock, capacity). */
  militaryProhibitedLetters: CategoryLetter[];
  typologies: Record<TypologyKey, TypologyRule>;
}

const strictlyBelow = (cm: number) => ({ shortUpToCm: cm, shortInclusive: false });
const atMost = (cm: number) => ({ shortUpToCm: cm, shortInclusive: true });

const COMMON_LENGTH_RULE: TypologyRule = {
  kind: "lengths",
  lengthRule: "common",
  capacity: "manual_repeat",
  cBlockers: [],
};

export const CATEGORY_RULES: CategoryRules = {
  version: RULES_VERSION,
  lengths: {
    // The prototype's thresholds (issue #400, SCAE): lengths from a photo are ±4 cm, so the margins sit
    // around the legal ones. L < 75 or C < 40 → B; L > 75 and C > 55 → C; in between → B or C.
    photo: {
      common: {
        overall: { ...strictlyBelow(75), longAboveCm: 75 },
        barrel: { ...strictlyBelow(40), longAboveCm: 55 },
      },
      // L > 75 and C > 55 → C, otherwise B: no band in between.
      pump: {
        overall: { ...atMost(75), longAboveCm: 75 },
        barrel: { ...atMost(55), longAboveCm: 55 },
      },
      // L > 75 and C > 40 → C, otherwise B.
      one_shot_per_barrel: {
        overall: { ...atMost(75), longAboveCm: 75 },
        barrel: { ...atMost(40), longAboveCm: 40 },
      },
    },
    // Code de la sécurité intérieure R311-1 / R311-2, for lengths typed from a tape measure.
    measured: {
      // Rifled: L ≤ 80 or C ≤ 45 → B, longer → C. Smooth bore: C needs a barrel over 60 cm. So a barrel
      // in (45, 60] with L > 80 is the band the bore decides.
      common: {
        overall: { ...atMost(80), longAboveCm: 80 },
        barrel: { ...atMost(45), longAboveCm: 60 },
      },
      // Pump (smooth bore): C only with L > 80 and C > 60 (plus capacity ≤ 5 and a fixed stock).
      pump: {
        overall: { ...atMost(80), longAboveCm: 80 },
        barrel: { ...atMost(60), longAboveCm: 60 },
      },
      // No length in the current text for one shot per barrel, except that a barrel ≤ 30 cm or an
      // overall length ≤ 60 cm makes it a short firearm (handgun rules, B).
      one_shot_per_barrel: {
        overall: { ...atMost(60), longAboveCm: 60 },
        barrel: { ...atMost(30), longAboveCm: 30 },
      },
    },
  },
  capacity: {
    semi_automatic: { maxForC: 3, maxForB: 31 },
    manual_repeat: { maxForC: 11, maxForB: 31 },
    pump: { maxForC: 5, maxForB: 31 },
  },
  militaryProhibitedLetters: ["A"],
  typologies: {
    revolver: {
      kind: "revolver",
      byMechanism: {
        black_powder: ["D"],
        swing_out: ["B"],
        loading_gate_1873: ["B", "D"],
        loading_gate_hinged: ["B"],
        break_open_enfield: ["B", "D"],
        break_open_old: ["B", "D"],
        removable_axis: ["B"],
        unknown: ["B", "D"],
      },
      whenMechanismUnanswered: ["B", "D"],
      alarmGunLetters: ["C"],
    },
    pistolet_semi_auto_moderne: { kind: "alarm_capable_pistol", letters: ["B"], alarmGunLetters: ["C"] },
    autre_pistolet: { kind: "fixed", letters: ["A", "B", "D"] },
    pistolet_mecanisme_ancien: { kind: "fixed", letters: ["D"] },
    epaule_a_verrou: COMMON_LENGTH_RULE,
    epaule_a_levier_sous_garde: COMMON_LENGTH_RULE,
    epaule_a_pompe: { kind: "lengths", lengthRule: "pump", capacity: "pump", cBlockers: ["stock_not_fixed"] },
    epaule_a_un_coup_par_canon: {
      kind: "lengths",
      lengthRule: "one_shot_per_barrel",
      capacity: null,
      cBlockers: [],
    },
    epaule_semi_auto_style_chasse: {
      kind: "lengths",
      lengthRule: "common",
      capacity: "semi_automatic",
      cBlockers: ["detachable_magazine"],
    },
    epaule_semi_auto_style_militaire_milieu_20e: { kind: "military", letters: ["A", "B"], capacity: "semi_automatic" },
    semi_auto_style_militaire_autre: { kind: "military", letters: ["A", "B"], capacity: "semi_automatic" },
    epaule_mecanisme_ancien: { kind: "fixed", letters: ["D"] },
  },
};
