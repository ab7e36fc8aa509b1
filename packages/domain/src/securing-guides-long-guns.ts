import { SAFE_DIRECTION_STEP, text, type SecuringGuide } from "./securing-types.ts";

const TRIGGER_WARNING = text(
  "Ne touchez jamais la détente pendant la manœuvre.",
  "Never touch the trigger while working the action.",
);

export const PUMP_GUIDE: SecuringGuide = {
  typology: "epaule_a_pompe",
  question: null,
  variants: [
    {
      key: "pump_action",
      option: text("Arme à pompe", "Pump action"),
      recognise: text(
        "Un garde-main mobile sous le canon, que l'on tire vers l'arrière pour recharger, au-dessus d'un magasin tubulaire.",
        "A sliding fore-end under the barrel, pulled back to reload, over a tubular magazine.",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Appuyez sur le bouton ou le levier de déverrouillage de la pompe, en général près du pontet.",
          "Press the action release button or lever, usually near the trigger guard.",
        ),
        text(
          "Tirez la pompe à fond vers l'arrière puis ramenez-la vers l'avant, autant de fois qu'il faut pour qu'aucune cartouche ne sorte plus.",
          "Pull the fore-end fully back then forward again, as many times as needed until no more cartridges come out.",
        ),
        text(
          "Pompe en arrière, vérifiez visuellement que la chambre est vide.",
          "With the fore-end back, check visually that the chamber is empty.",
        ),
        text(
          "Vérifiez le magasin tubulaire par la fenêtre sous l'arme : aucune cartouche ne doit y rester.",
          "Check the tubular magazine through the opening under the weapon: no cartridge may remain.",
        ),
        text("Laissez la pompe en arrière, arme ouverte.", "Leave the fore-end back, the action open."),
      ],
    },
  ],
};

const BOLT_OPEN = text(
  "Levez le levier de culasse puis tirez la culasse à fond vers l'arrière pour extraire la cartouche qui pourrait être chambrée.",
  "Lift the bolt handle then pull the bolt fully back to extract any chambered round.",
);
const BOLT_BLOCKED = text(
  "Si le levier est bloqué, une sûreté (ailette ou levier près de la culasse) le verrouille : changez-la de position, canon toujours dans une direction sans danger et doigt hors du pontet ; en cas de doute, arrêtez et faites appel à un expert.",
  "If the handle is blocked, a safety (wing or lever near the bolt) locks it: move it, muzzle still in a safe direction and finger off the trigger guard; if in doubt, stop and call an expert.",
);
const BOLT_CHECK = [
  text(
    "Vérifiez visuellement que la chambre et le magasin sont vides.",
    "Check visually that the chamber and the magazine are empty.",
  ),
  text("Laissez la culasse ouverte.", "Leave the bolt open."),
];

export const BOLT_GUIDE: SecuringGuide = {
  typology: "epaule_a_verrou",
  question: text("L'arme a-t-elle un chargeur amovible sous la culasse ?", "Does the weapon have a detachable magazine under the bolt?"),
  variants: [
    {
      key: "bolt_detachable_magazine",
      option: text("Chargeur amovible", "Detachable magazine"),
      recognise: text(
        "Un chargeur qui dépasse sous l'arme, devant le pontet, avec un bouton ou un levier de retenue.",
        "A magazine protruding under the weapon, in front of the trigger guard, with a release button or lever.",
      ),
      warnings: [TRIGGER_WARNING, BOLT_BLOCKED],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Appuyez sur le bouton ou le levier de retenue et retirez le chargeur.",
          "Press the release button or lever and remove the magazine.",
        ),
        BOLT_OPEN,
        ...BOLT_CHECK,
      ],
    },
    {
      key: "bolt_internal_magazine",
      option: text("Magasin fixe", "Internal magazine"),
      recognise: text(
        "Rien ne dépasse sous l'arme : les cartouches sont dans un magasin intégré, sous la culasse.",
        "Nothing protrudes under the weapon: the rounds sit in a built-in magazine under the bolt.",
      ),
      warnings: [TRIGGER_WARNING, BOLT_BLOCKED],
      steps: [
        SAFE_DIRECTION_STEP,
        BOLT_OPEN,
        text(
          "Repoussez la culasse vers l'avant puis ramenez-la en arrière, autant de fois qu'il faut pour qu'aucune cartouche ne sorte plus ; si l'arme a une plaque de fond de magasin à ouvrir sous l'arme, ouvrez-la pour vider le magasin.",
          "Push the bolt forward then pull it back again until no more rounds come out; if the weapon has a floor plate under the magazine, open it to empty the magazine.",
        ),
        ...BOLT_CHECK,
      ],
    },
  ],
};

const LEVER_CHECK = [
  text(
    "Levier ouvert, vérifiez visuellement la chambre et l'élévateur.",
    "With the lever open, check the chamber and the carrier visually.",
  ),
  text("Laissez le levier ouvert.", "Leave the lever open."),
];

export const LEVER_GUIDE: SecuringGuide = {
  typology: "epaule_a_levier_sous_garde",
  question: text("Que voyez-vous au bout du tube sous le canon ?", "What do you see at the end of the tube under the barrel?"),
  variants: [
    {
      key: "lever_front_loading_tube",
      option: text("Embout rugueux", "Knurled end cap"),
      recognise: text(
        "Un embout moleté (rugueux) au bout du tube magasin, sous l'extrémité du canon : le tube se charge par l'avant.",
        "A knurled end cap at the end of the magazine tube, under the muzzle: the tube loads from the front.",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Tournez l'embout moleté et retirez doucement le tube intérieur avec son ressort, en le gardant en main.",
          "Turn the knurled cap and gently pull out the inner tube and its spring, keeping hold of it.",
        ),
        text(
          "Inclinez l'arme pour faire glisser les cartouches hors du tube, le canon toujours dans une direction sans danger.",
          "Tilt the weapon so the cartridges slide out of the tube, the muzzle still in a safe direction.",
        ),
        text(
          "Abaissez le levier de sous-garde à fond puis remontez-le pour extraire la cartouche chambrée, sans toucher la détente.",
          "Swing the lever fully down then back up to extract the chambered round, without touching the trigger.",
        ),
        ...LEVER_CHECK,
      ],
    },
    {
      key: "lever_fixed_magazine",
      option: text("Pas d'embout", "No end cap"),
      recognise: text(
        "Pas d'embout au bout du tube : le magasin se charge par une portière sur le côté de la boîte de culasse.",
        "No end cap on the tube: the magazine loads through a gate on the side of the receiver.",
      ),
      warnings: [
        text(
          "Ne touchez jamais la détente : sur certaines armes, refermer le levier détente enfoncée fait partir le coup.",
          "Never touch the trigger: on some weapons, closing the lever with the trigger pressed fires a shot.",
        ),
      ],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Abaissez le levier de sous-garde à fond puis remontez-le, autant de fois qu'il faut pour qu'aucune cartouche ne soit plus éjectée.",
          "Swing the lever fully down and back up, as many times as needed until no more cartridges are ejected.",
        ),
        ...LEVER_CHECK,
      ],
    },
  ],
};

const BREAK_ACTION_END = [
  text("Retirez les cartouches ou les étuis de chaque canon.", "Remove the cartridges or cases from every barrel."),
  text(
    "Vérifiez visuellement que chaque chambre est vide, en regardant à travers les canons.",
    "Check visually that every chamber is empty, looking through the barrels.",
  ),
  text("Laissez l'arme ouverte.", "Leave the weapon open."),
];

export const ONE_SHOT_PER_BARREL_GUIDE: SecuringGuide = {
  typology: "epaule_a_un_coup_par_canon",
  question: text("Comment l'arme s'ouvre-t-elle ?", "How does the weapon open?"),
  variants: [
    {
      key: "top_lever",
      option: text("Clé supérieure", "Top lever"),
      recognise: text(
        "Une clé sur le dessus de l'arme, juste derrière les canons.",
        "A lever on top of the weapon, just behind the barrels.",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Poussez la clé supérieure sur le côté (en général vers la droite).", "Push the top lever aside (usually to the right)."),
        text("Basculez les canons vers le bas pour ouvrir l'arme.", "Tip the barrels down to open the weapon."),
        ...BREAK_ACTION_END,
      ],
    },
    {
      key: "under_lever_lefaucheux",
      option: text("Grande clé sous le canon", "Large lever under the barrel"),
      recognise: text(
        "Une grande clé sous les canons, devant le pontet (système Lefaucheux).",
        "A large lever under the barrels, in front of the trigger guard (Lefaucheux system).",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Faites pivoter la grande clé sous les canons jusqu'à ce qu'ils soient déverrouillés.",
          "Swing the large lever under the barrels until they unlock.",
        ),
        text("Basculez les canons vers le bas pour ouvrir l'arme.", "Tip the barrels down to open the weapon."),
        ...BREAK_ACTION_END,
      ],
    },
    {
      key: "wing_key_darne",
      option: text("Clé à oreilles", "Wing key"),
      recognise: text(
        "Une clé à deux oreilles sur le dessus, à l'arrière : les canons restent fixes et c'est la culasse qui recule (système Darne).",
        "A two-winged key on top, at the rear: the barrels stay fixed and the breech slides back (Darne system).",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Relevez la clé à oreilles puis tirez la culasse vers l'arrière.",
          "Lift the wing key then pull the breech back.",
        ),
        ...BREAK_ACTION_END,
      ],
    },
  ],
};

const MAGAZINE_WELL_CHECK = text(
  "Vérifiez visuellement, par la fenêtre d'éjection, que la chambre et le logement du chargeur sont vides.",
  "Check visually, through the ejection port, that the chamber and the magazine well are empty.",
);
const OPEN_BOLT_WARNING = text(
  "Arme à culasse ouverte : si le levier d'armement est déjà en arrière, l'arme est prête à tirer ; évitez tout choc, ne touchez pas la détente et retirez d'abord le chargeur.",
  "Open-bolt weapon: if the cocking handle is already back, the weapon is ready to fire; avoid any knock, do not touch the trigger and remove the magazine first.",
);

export const MILITARY_GUIDE: SecuringGuide = {
  typology: "semi_auto_style_militaire_autre",
  question: text("Où se trouve l'arrêtoir du chargeur ?", "Where is the magazine release?"),
  variants: [
    {
      key: "ar15_button_above_magazine",
      option: text("Bouton au-dessus du chargeur", "Button above the magazine"),
      recognise: text(
        "Un bouton sur le côté droit, juste au-dessus du logement du chargeur (type AR-15).",
        "A button on the right side, just above the magazine well (AR-15 type).",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Si c'est possible, placez le sélecteur sur « sûreté » (SAFE).", "If possible, set the selector to \"safe\" (SAFE)."),
        text("Appuyez sur le bouton au-dessus du chargeur et retirez le chargeur.", "Press the button above the magazine and remove the magazine."),
        text(
          "Tirez le levier d'armement (à l'arrière, au-dessus de la crosse) à fond vers l'arrière pour extraire la cartouche chambrée, et bloquez la culasse ouverte avec l'arrêtoir sur le côté gauche.",
          "Pull the charging handle (at the rear, above the stock) fully back to extract the chambered round, and lock the bolt open with the bolt catch on the left.",
        ),
        MAGAZINE_WELL_CHECK,
        text("Laissez la culasse ouverte.", "Leave the bolt open."),
      ],
    },
    {
      key: "ak_lever_behind_magazine",
      option: text("Levier derrière le chargeur", "Lever behind the magazine"),
      recognise: text(
        "Un levier juste derrière le chargeur, devant le pontet, et un grand levier de sûreté sur le côté droit (type AK).",
        "A lever just behind the magazine, in front of the trigger guard, and a large safety lever on the right (AK type).",
      ),
      warnings: [TRIGGER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Poussez le levier derrière le chargeur vers l'avant et basculez le chargeur vers l'avant pour le retirer.",
          "Push the lever behind the magazine forward and rock the magazine forward to remove it.",
        ),
        text(
          "Abaissez le grand levier de sûreté du côté droit pour pouvoir manœuvrer la culasse, doigt hors du pontet.",
          "Push the large safety lever on the right down so the bolt can move, finger off the trigger guard.",
        ),
        text(
          "Tirez la poignée d'armement (côté droit) à fond vers l'arrière pour extraire la cartouche chambrée, deux ou trois fois.",
          "Pull the cocking handle (right side) fully back to extract the chambered round, two or three times.",
        ),
        text(
          "Culasse tenue en arrière, vérifiez visuellement que la chambre et le logement du chargeur sont vides.",
          "Holding the bolt back, check visually that the chamber and the magazine well are empty.",
        ),
        text("Relâchez la culasse et remontez le levier de sûreté.", "Let the bolt go forward and push the safety lever back up."),
      ],
    },
    {
      key: "sten_side_magazine",
      option: text("Chargeur à angle droit", "Side magazine"),
      recognise: text(
        "Un chargeur qui sort à l'horizontale sur le côté gauche de l'arme (type Sten).",
        "A magazine sticking out horizontally on the left of the weapon (Sten type).",
      ),
      warnings: [OPEN_BOLT_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Appuyez sur le bouton de retenue au-dessus du logement du chargeur et retirez le chargeur.",
          "Press the catch above the magazine housing and remove the magazine.",
        ),
        text(
          "Tirez le levier d'armement vers l'arrière et engagez-le dans son cran de sûreté.",
          "Pull the cocking handle back and hook it into its safety notch.",
        ),
        MAGAZINE_WELL_CHECK,
      ],
    },
    {
      key: "thompson_lever_above_trigger_guard",
      option: text("Levier au-dessus du pontet", "Lever above the trigger guard"),
      recognise: text(
        "Un levier de retenue du chargeur juste au-dessus du pontet, levier d'armement sur le dessus (type Thompson).",
        "A magazine catch lever just above the trigger guard, cocking handle on top (Thompson type).",
      ),
      warnings: [OPEN_BOLT_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Poussez le levier au-dessus du pontet et retirez le chargeur (vers le bas pour un chargeur droit, sur le côté pour un chargeur camembert).",
          "Push the lever above the trigger guard and remove the magazine (down for a box magazine, sideways for a drum).",
        ),
        text(
          "Tirez le levier d'armement sur le dessus à fond vers l'arrière.",
          "Pull the cocking handle on top fully back.",
        ),
        MAGAZINE_WELL_CHECK,
      ],
    },
    {
      key: "uzi_button_at_grip_base",
      option: text("Bouton poussoir à la base de la poignée", "Push button at the base of the grip"),
      recognise: text(
        "Le chargeur entre dans la poignée ; un bouton à la base de la poignée, côté gauche (type Uzi).",
        "The magazine goes into the grip; a button at the base of the grip, on the left (Uzi type).",
      ),
      warnings: [
        OPEN_BOLT_WARNING,
        text(
          "La sûreté de poignée (à l'arrière de la poignée) bloque la culasse tant qu'elle n'est pas serrée.",
          "The grip safety (at the back of the grip) blocks the bolt until it is squeezed.",
        ),
      ],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Appuyez sur le bouton à la base de la poignée et retirez le chargeur.", "Press the button at the base of the grip and remove the magazine."),
        text(
          "En serrant la sûreté de poignée, doigt hors du pontet, tirez le levier d'armement sur le dessus à fond vers l'arrière.",
          "Squeezing the grip safety, finger off the trigger guard, pull the cocking handle on top fully back.",
        ),
        MAGAZINE_WELL_CHECK,
      ],
    },
  ],
};
