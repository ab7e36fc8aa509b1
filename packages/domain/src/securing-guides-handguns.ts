import { SAFE_DIRECTION_STEP, text, type SecuringGuide } from "./securing-types.ts";

const PISTOL_AFTER_MAGAZINE = [
  text(
    "Retirez complètement le chargeur de la poignée et posez-le à l'écart.",
    "Pull the magazine fully out of the grip and put it aside.",
  ),
  text(
    "Tirez la culasse à fond vers l'arrière pour extraire la cartouche qui pourrait être dans la chambre.",
    "Pull the slide fully back to extract any round in the chamber.",
  ),
  text(
    "Bloquez la culasse ouverte avec l'arrêtoir de culasse ; s'il n'y en a pas, manœuvrez-la encore deux ou trois fois.",
    "Lock the slide open with the slide stop; if there is none, cycle it two or three more times.",
  ),
  text(
    "Vérifiez visuellement que la chambre et le logement du chargeur sont vides.",
    "Check visually that the chamber and the magazine well are empty.",
  ),
];

export const PISTOL_GUIDE: SecuringGuide = {
  typology: "pistolet_semi_auto_moderne",
  question: text("Où se trouve l'arrêtoir du chargeur ?", "Where is the magazine release?"),
  variants: [
    {
      key: "magazine_button_by_trigger_guard",
      option: text("Bouton à côté du pontet", "Button beside the trigger guard"),
      recognise: text(
        "Un bouton sur le côté de la poignée, juste derrière le pontet.",
        "A button on the side of the grip, just behind the trigger guard.",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Appuyez sur le bouton d'arrêtoir du chargeur, à côté du pontet.", "Press the magazine release button beside the trigger guard."),
        ...PISTOL_AFTER_MAGAZINE,
      ],
    },
    {
      key: "magazine_heel_release",
      option: text("Poussoir sous le talon", "Catch at the heel of the grip"),
      recognise: text(
        "Un poussoir ou un loquet à la base de la poignée, à l'arrière (talon).",
        "A catch or latch at the bottom rear of the grip (heel).",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Poussez le loquet situé au talon de la poignée tout en tirant le chargeur vers le bas.",
          "Push the catch at the heel of the grip while pulling the magazine down.",
        ),
        ...PISTOL_AFTER_MAGAZINE,
      ],
    },
  ],
};

const REVOLVER_CHECK = text(
  "Vérifiez visuellement que chaque chambre du barillet est vide.",
  "Check visually that every chamber of the cylinder is empty.",
);
const HAMMER_WARNING = text(
  "Ne touchez ni la détente ni le chien, sauf quand une étape le demande.",
  "Touch neither the trigger nor the hammer unless a step says so.",
);
const GATE_ROTATE_AND_EJECT = [
  text(
    "Faites tourner le barillet à la main, chambre par chambre, et poussez chaque cartouche hors de sa chambre avec la baguette d'éjection située sous le canon.",
    "Turn the cylinder by hand, chamber by chamber, and push each cartridge out with the ejector rod under the barrel.",
  ),
  text(
    "Faites faire un tour complet au barillet en vérifiant que chaque chambre est vide.",
    "Turn the cylinder through a full revolution, checking that every chamber is empty.",
  ),
];
const BREAK_OPEN_END = [
  text(
    "Basculez le canon vers le bas : l'extracteur soulève les cartouches, retirez-les.",
    "Tip the barrel down: the extractor lifts the cartridges; remove them.",
  ),
  REVOLVER_CHECK,
  text("Laissez l'arme ouverte.", "Leave the weapon open."),
];

export const REVOLVER_GUIDE: SecuringGuide = {
  typology: "revolver",
  question: text(
    "Que voyez-vous à l'arrière du barillet, puis quel système d'ouverture ?",
    "What do you see at the back of the cylinder, then which opening system?",
  ),
  variants: [
    {
      key: "black_powder",
      revolverMechanism: "black_powder",
      option: text("Petites cheminées", "Small percussion nipples"),
      recognise: text(
        "Des petites cheminées (tétons) à l'arrière du barillet, où se placent les amorces : arme à poudre noire.",
        "Small nipples at the back of the cylinder, where the percussion caps go: a black-powder weapon.",
      ),
      warnings: [
        text(
          "Si des amorces (capsules) sont en place sur les cheminées, l'arme peut être chargée et faire feu.",
          "If percussion caps sit on the nipples, the weapon may be loaded and can fire.",
        ),
      ],
      steps: [
        text(
          "Il n'y a pas de cartouche à retirer : pas de tutoriel de déchargement pour une arme à poudre noire.",
          "There is no cartridge to remove: no unloading tutorial for a black-powder weapon.",
        ),
        SAFE_DIRECTION_STEP,
        text(
          "Ne manipulez ni le chien ni la détente, et faites appel à un expert pour décharger l'arme.",
          "Handle neither the hammer nor the trigger, and call an expert to unload the weapon.",
        ),
      ],
    },
    {
      key: "swing_out",
      revolverMechanism: "swing_out",
      option: text("Bouton à côté du barillet", "Button beside the cylinder"),
      recognise: text(
        "Arrière du barillet plat ; un bouton ou poussoir sur le côté gauche de la carcasse, derrière le barillet.",
        "Flat rear of the cylinder; a button or latch on the left of the frame, behind the cylinder.",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Actionnez le bouton (à pousser vers l'avant, tirer vers l'arrière ou enfoncer selon le modèle) tout en poussant le barillet vers la gauche.",
          "Work the button (push forward, pull back or press, depending on the model) while pushing the cylinder to the left.",
        ),
        text("Basculez le barillet hors de la carcasse.", "Swing the cylinder out of the frame."),
        text(
          "Canon vers le haut, appuyez sur la tige d'éjection à l'avant du barillet pour éjecter cartouches et étuis.",
          "Muzzle up, press the ejector rod at the front of the cylinder to eject cartridges and cases.",
        ),
        REVOLVER_CHECK,
        text("Laissez le barillet ouvert.", "Leave the cylinder open."),
      ],
    },
    {
      key: "loading_gate_1873_us",
      revolverMechanism: "loading_gate_1873",
      option: text("Encoche près du chien sur le côté droit du barillet", "Notch near the hammer on the right of the cylinder"),
      recognise: text(
        "Une petite portière de chargement derrière le barillet, côté droit, et un chien à armer à la main (type Colt 1873).",
        "A small loading gate behind the cylinder on the right and a hammer cocked by hand (Colt 1873 type).",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Ramenez le chien de quelques millimètres jusqu'au cran de chargement (premier clic), sans toucher la détente, pour libérer le barillet.",
          "Draw the hammer back a few millimetres to the loading notch (first click), without touching the trigger, to free the cylinder.",
        ),
        text("Ouvrez la portière de chargement sur le côté droit.", "Open the loading gate on the right."),
        ...GATE_ROTATE_AND_EJECT,
        text("Laissez la portière ouverte.", "Leave the loading gate open."),
      ],
    },
    {
      key: "loading_gate_fixed_cylinder",
      revolverMechanism: "loading_gate_hinged",
      option: text("Portière sur le côté droit – le barillet ne bascule pas", "Gate on the right – the cylinder does not swing out"),
      recognise: text(
        "Une portière cache le côté droit de l'arrière du barillet ; une fois ouverte, le barillet reste dans la carcasse (type 1873 français).",
        "A gate covers the right rear of the cylinder; once open, the cylinder stays in the frame (French 1873 type).",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Ouvrez la portière en la faisant pivoter vers l'arrière : le barillet peut alors tourner à la main.",
          "Swing the gate backwards to open it: the cylinder can then turn by hand.",
        ),
        ...GATE_ROTATE_AND_EJECT,
        text("Laissez la portière ouverte.", "Leave the gate open."),
      ],
    },
    {
      key: "loading_gate_swing_cylinder",
      revolverMechanism: "loading_gate_hinged",
      option: text("Portière sur le côté droit – le barillet bascule", "Gate on the right – the cylinder swings out"),
      recognise: text(
        "Une portière cache le côté droit de l'arrière du barillet ; une fois ouverte, le barillet bascule vers la droite (type 1892).",
        "A gate covers the right rear of the cylinder; once open, the cylinder swings out to the right (1892 type).",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Ouvrez la portière en la faisant pivoter vers l'arrière.", "Swing the gate backwards to open it."),
        text("Basculez le barillet vers la droite.", "Swing the cylinder out to the right."),
        text(
          "Canon vers le haut, tirez puis poussez la tige d'éjection pour éjecter les cartouches.",
          "Muzzle up, pull then push the ejector rod to eject the cartridges.",
        ),
        REVOLVER_CHECK,
        text("Laissez le barillet ouvert.", "Leave the cylinder open."),
      ],
    },
    {
      key: "break_open_enfield",
      revolverMechanism: "break_open_enfield",
      option: text("Levier côté gauche du barillet", "Lever on the left of the cylinder"),
      recognise: text(
        "Un levier sur le côté gauche de la carcasse, devant le chien ; le canon bascule vers le bas (Enfield, Webley).",
        "A lever on the left of the frame, in front of the hammer; the barrel tips down (Enfield, Webley).",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Abaissez le levier du côté gauche avec le pouce.", "Press the left-hand lever down with your thumb."),
        ...BREAK_OPEN_END,
      ],
    },
    {
      key: "break_open_old",
      revolverMechanism: "break_open_old",
      option: text("Verrou en T à l'avant du chien", "T-latch in front of the hammer"),
      recognise: text(
        "Un verrou en forme de T sur le dessus de la carcasse, juste devant le chien (anciens Smith & Wesson, H&R).",
        "A T-shaped latch on top of the frame, just in front of the hammer (old Smith & Wesson, H&R types).",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text("Soulevez les deux ailes du verrou en T.", "Lift both wings of the T-latch."),
        ...BREAK_OPEN_END,
      ],
    },
    {
      key: "removable_axis",
      revolverMechanism: "removable_axis",
      option: text("Aucun des systèmes précédents", "None of the above"),
      recognise: text(
        "Aucun bouton, portière ni levier ; l'axe du barillet peut être retiré par l'avant.",
        "No button, gate or lever; the cylinder axis pulls out from the front.",
      ),
      warnings: [HAMMER_WARNING],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Libérez l'axe du barillet (vis, clavette ou loquet à l'avant de la carcasse) et tirez-le vers l'avant.",
          "Release the cylinder axis (screw, key or latch at the front of the frame) and pull it forward.",
        ),
        text("Sortez le barillet de la carcasse par le côté.", "Take the cylinder out of the frame sideways."),
        text("Retirez chaque cartouche du barillet.", "Remove every cartridge from the cylinder."),
        REVOLVER_CHECK,
        text("Gardez le barillet séparé de l'arme.", "Keep the cylinder apart from the weapon."),
      ],
    },
  ],
};

const CHECK_AND_LEAVE_OPEN = [
  text("Vérifiez visuellement que la chambre est vide.", "Check visually that the chamber is empty."),
  text("Laissez l'arme ouverte.", "Leave the weapon open."),
];

export const OTHER_PISTOL_GUIDE: SecuringGuide = {
  typology: "autre_pistolet",
  question: text("À quelle arme ressemble-t-elle ?", "Which weapon does it look like?"),
  variants: [
    {
      key: "single_shot_bolt_target",
      option: text("Pistolet de tir à un coup (type Drulov)", "Single-shot target pistol (Drulov type)"),
      recognise: text(
        "Pistolet de tir à long canon, avec un levier de culasse à l'arrière du canon.",
        "Long-barrelled target pistol with a bolt handle at the rear of the barrel.",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Soulevez le levier de culasse puis tirez-le vers l'arrière pour ouvrir et extraire la cartouche.",
          "Lift the bolt handle then pull it back to open and extract the cartridge.",
        ),
        ...CHECK_AND_LEAVE_OPEN,
      ],
    },
    {
      key: "derringer",
      option: text("Derringer", "Derringer"),
      recognise: text(
        "Très petit pistolet à deux canons superposés qui basculent vers le haut.",
        "Very small pistol with two stacked barrels that tip up.",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Tournez le levier de verrouillage sur le côté de la carcasse et basculez les canons vers le haut.",
          "Turn the locking lever on the side of the frame and tip the barrels up.",
        ),
        text("Retirez les cartouches des deux canons.", "Remove the cartridges from both barrels."),
        text("Vérifiez visuellement que les deux chambres sont vides.", "Check visually that both chambers are empty."),
        text("Laissez l'arme ouverte.", "Leave the weapon open."),
      ],
    },
    {
      key: "break_open_target",
      option: text("Pistolet à canon basculant (type Thompson Contender)", "Break-open pistol (Thompson Contender type)"),
      recognise: text(
        "Un seul canon qui bascule vers le bas ; l'ergot à l'arrière du pontet sert de levier d'ouverture.",
        "A single barrel that tips down; the spur at the rear of the trigger guard is the opening lever.",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Tirez l'ergot à l'arrière du pontet vers l'arrière, sans toucher la détente : le canon bascule vers le bas.",
          "Pull the spur at the rear of the trigger guard back, without touching the trigger: the barrel tips down.",
        ),
        text("Retirez la cartouche.", "Remove the cartridge."),
        ...CHECK_AND_LEAVE_OPEN,
      ],
    },
    {
      key: "sawn_off_gun",
      option: text("Ancien fusil à crosse et canon sciés", "Old gun with sawn-off stock and barrel"),
      recognise: text(
        "Un fusil raccourci : il s'ouvre comme le fusil d'origine, le plus souvent par une clé sur le dessus.",
        "A shortened shotgun: it opens like the original gun, most often with a lever on top.",
      ),
      warnings: [],
      steps: [
        SAFE_DIRECTION_STEP,
        text(
          "Poussez la clé d'ouverture sur le côté et basculez les canons vers le bas.",
          "Push the opening lever aside and tip the barrels down.",
        ),
        text("Retirez les cartouches de chaque canon.", "Remove the cartridges from every barrel."),
        text("Vérifiez visuellement que chaque chambre est vide.", "Check visually that every chamber is empty."),
        text("Laissez l'arme ouverte.", "Leave the weapon open."),
      ],
    },
  ],
};
