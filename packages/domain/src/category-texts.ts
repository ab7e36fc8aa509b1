import type { CategoryLetter } from "./rules.ts";
import type { LocalizedText } from "./text.ts";
import type { TypologyKey } from "./typologies.ts";

/** French UI wording of each category (prototype `mentions.ts`). */
export const CATEGORY_WORDING: Record<CategoryLetter, LocalizedText> = {
  A: { fr: "A - Interdite", en: "A - Prohibited" },
  B: { fr: "B - Soumise à autorisation", en: "B - Subject to authorisation" },
  C: { fr: "C - Soumise à déclaration", en: "C - Subject to declaration" },
  D: { fr: "D - Libre d'acquisition et de détention", en: "D - Free to acquire and hold" },
};

export const NOT_CLASSIFIED_WORDING: LocalizedText = {
  fr: "Non classée - Libre d'acquisition et de détention",
  en: "Not classified - Free to acquire and hold",
};

export type QuestionKey =
  | "ammunition"
  | "lengths"
  | "barrelBore"
  | "magazineCapacity"
  | "detachableMagazine"
  | "stockFixed"
  | "originallyAutomatic"
  | "foldingStockUnder60"
  | "revolverMechanism"
  | "markings";

export interface ConditionText extends LocalizedText {
  key: string;
  /** Shown while one of these questions can still move the letter; always shown when empty. */
  questions: QuestionKey[];
}

const MANUAL_REPEAT_CAPACITY: ConditionText = {
  key: "manual_repeat_capacity",
  questions: ["magazineCapacity"],
  fr: "Catégorie B si la capacité dépasse 11 munitions (chambre comprise) ; catégorie A au-delà de 31.",
  en: "Category B if the capacity exceeds 11 rounds (chamber included); category A above 31.",
};

const MANUAL_REPEAT_BORE: ConditionText = {
  key: "manual_repeat_bore",
  questions: ["barrelBore", "lengths"],
  fr: "Si la catégorie est « B ou C » : B avec un canon lisse ; C avec un canon rayé et une capacité de 11 munitions au plus.",
  en: "If the category is \"B or C\": B with a smooth barrel; C with a rifled barrel and a capacity of 11 rounds at most.",
};

const MILITARY: ConditionText = {
  key: "military_prohibited",
  questions: ["originallyAutomatic", "foldingStockUnder60", "magazineCapacity"],
  fr: "Catégorie A si l'arme était à l'origine automatique et a été transformée en semi-automatique, si une crosse pliante ou télescopique la ramène sous 60 cm dans sa configuration la plus courte, ou si sa capacité dépasse 31 munitions.",
  en: "Category A if the weapon was originally automatic and converted to semi-automatic, if a folding or telescopic stock brings it under 60 cm in its shortest configuration, or if its capacity exceeds 31 rounds.",
};

/** Conditions shown under the category (prototype disclaimers, domain.md §2), per typology. */
export const CATEGORY_CONDITIONS: Record<TypologyKey, ConditionText[]> = {
  revolver: [
    {
      key: "revolver_mechanism",
      questions: ["revolverMechanism"],
      fr: "Catégorie D pour une arme à poudre noire (petites cheminées à l'arrière du barillet) ; B ou D pour les mécanismes anciens (brisure ancienne, type 1873 US, Enfield/Webley) ; B pour les autres mécanismes modernes.",
      en: "Category D for a black-powder weapon (small percussion nipples at the back of the cylinder); B or D for old mechanisms (old break-open, 1873 US type, Enfield/Webley); B for other modern mechanisms.",
    },
    {
      key: "alarm_gun_reference_list",
      questions: ["markings"],
      fr: "Catégorie C s'il s'agit d'une arme d'alarme de la liste de référence (marque et modèle lisibles sur l'arme) ; un marquage « PAK » seul ne suffit pas.",
      en: "Category C if it is an alarm gun from the reference list (make and model readable on the weapon); a \"PAK\" marking alone is not enough.",
    },
  ],
  pistolet_semi_auto_moderne: [
    {
      key: "alarm_gun_reference_list",
      questions: ["markings"],
      fr: "Catégorie C s'il s'agit d'une arme d'alarme de la liste de référence (marque et modèle lisibles sur l'arme) ; un marquage « PAK » seul ne suffit pas.",
      en: "Category C if it is an alarm gun from the reference list (make and model readable on the weapon); a \"PAK\" marking alone is not enough.",
    },
  ],
  autre_pistolet: [
    {
      key: "other_pistol_expert",
      questions: [],
      fr: "La catégorie dépend du modèle, du calibre et de la date de conception : seul un expert peut la fixer.",
      en: "The category depends on the model, the calibre and the design date: only an expert can settle it.",
    },
  ],
  pistolet_mecanisme_ancien: [],
  epaule_a_verrou: [MANUAL_REPEAT_BORE, MANUAL_REPEAT_CAPACITY],
  epaule_a_levier_sous_garde: [MANUAL_REPEAT_BORE, MANUAL_REPEAT_CAPACITY],
  epaule_a_pompe: [
    {
      key: "pump_capacity_stock",
      questions: ["magazineCapacity", "stockFixed"],
      fr: "Catégorie B si la capacité maximale (chambre comprise) dépasse 5 cartouches ou si la crosse n'est pas fixe ; catégorie C avec un canon lisse et une arme sinon conforme ; catégorie A au-delà de 31 cartouches.",
      en: "Category B if the maximum capacity (chamber included) exceeds 5 cartridges or if the stock is not fixed; category C with a smooth barrel and an otherwise compliant weapon; category A above 31 cartridges.",
    },
  ],
  epaule_a_un_coup_par_canon: [
    {
      key: "one_shot_short_firearm",
      questions: ["lengths"],
      fr: "Une arme dont le canon mesure 30 cm au plus ou la longueur totale 60 cm au plus est une arme courte (catégorie B).",
      en: "A weapon whose barrel is 30 cm or less, or whose overall length is 60 cm or less, is a short firearm (category B).",
    },
  ],
  epaule_semi_auto_style_chasse: [
    {
      key: "semi_auto_capacity",
      questions: ["magazineCapacity", "detachableMagazine"],
      fr: "Catégorie B si la capacité dépasse 3 munitions (chambre comprise) ou si le chargeur est amovible ; catégorie A au-delà de 31.",
      en: "Category B if the capacity exceeds 3 rounds (chamber included) or if the magazine is detachable; category A above 31.",
    },
    {
      key: "semi_auto_bore",
      questions: ["barrelBore", "lengths"],
      fr: "Si la catégorie est « B ou C » : B avec un canon lisse ; C avec un canon rayé, une capacité de 3 munitions au plus et un chargeur inamovible.",
      en: "If the category is \"B or C\": B with a smooth barrel; C with a rifled barrel, a capacity of 3 rounds at most and a fixed magazine.",
    },
  ],
  epaule_semi_auto_style_militaire_milieu_20e: [MILITARY],
  semi_auto_style_militaire_autre: [MILITARY],
  epaule_mecanisme_ancien: [],
};

export const ALARM_GUN_CONVERSION_WARNING: ConditionText = {
  key: "alarm_gun_conversion",
  questions: [],
  fr: "Les armes d'alarme peuvent être modifiées pour tirer des munitions létales : faites-la examiner si possible.",
  en: "Alarm guns can be converted to fire lethal ammunition: have it examined when possible.",
};

export function alarmGunTitle(label: LocalizedText): LocalizedText {
  return { fr: `Arme d'alarme de type ${label.fr}`, en: `Alarm gun of type ${label.en}` };
}

export function replicaTitle(label: LocalizedText): LocalizedText {
  return { fr: `Arme factice de type ${label.fr}`, en: `Replica (BB gun) of type ${label.en}` };
}
