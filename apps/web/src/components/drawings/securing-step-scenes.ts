import type { TypologyKey } from "@basegun/domain";
import type { Mark } from "./marks";
import { NO_TRIGGER, SAFE, type ArtId, type Scene } from "./weapon-art";

/*
 * One drawing per step of the securing guides, in the order of the guide's steps (packages/domain
 * securing-guides-*.ts). A test checks that every drawn variant has exactly one scene per step, so a
 * step added to a guide without its drawing fails CI instead of showing the wrong picture.
 * Every guide variant with steps is drawn (the test has no exceptions).
 */

const arrow = (x: number, y: number, angle: number, length?: number): Mark => ({ kind: "arrow", x, y, angle, length });
const eye = (x: number, y: number): Mark => ({ kind: "eye", x, y });
const check = (x: number, y: number): Mark => ({ kind: "check", x, y });
const stop = (x: number, y: number): Mark => ({ kind: "stop", x, y });
const cartridge = (x: number, y: number, angle = 0): Mark => ({ kind: "cartridge", x, y, angle });
const noTouch = (x: number, y: number): Mark => ({ kind: "no_touch", x, y });

const safe = (art: ArtId, show: readonly string[] = []): Scene => ({ art, show, marks: [SAFE, NO_TRIGGER] });

// --- Modern pistol ---------------------------------------------------------------------------------
const PISTOL_OPEN = ["magazine_out", "slide_back"];
const PISTOL_AFTER_MAGAZINE: Scene[] = [
  { art: "pistol", state: ["magazine_out"], focus: ["magazine"], marks: [arrow(36, 66, 90, 32)] },
  { art: "pistol", state: PISTOL_OPEN, focus: ["slide"], marks: [arrow(176, 8, 180, 44), cartridge(150, 48, 30)] },
  { art: "pistol", state: PISTOL_OPEN, focus: ["slide_stop"], marks: [arrow(150, 82, -120, 34)] },
  { art: "pistol", state: PISTOL_OPEN, marks: [eye(111, 8), eye(30, 70)] },
];

// --- Revolver --------------------------------------------------------------------------------------
const SWUNG = ["cylinder_swung"];
const REVOLVER_SWING_END: Scene[] = [
  { art: "revolver", state: SWUNG, focus: ["ejector"], marks: [arrow(170, 70, 180, 38), cartridge(70, 64), cartridge(66, 78)] },
  { art: "revolver", state: SWUNG, focus: ["cylinder"], marks: [eye(104, 100)] },
  { art: "revolver", state: SWUNG, marks: [check(160, 90)] },
];
const GATE = ["gate"];
const GATE_OPEN = ["gate_open"];
const GATE_ROTATE_EJECT: Scene[] = [
  { art: "revolver", show: GATE, state: GATE_OPEN, focus: ["ejector", "cylinder"], marks: [arrow(178, 56, 180, 40), cartridge(62, 30)] },
  { art: "revolver", show: GATE, state: GATE_OPEN, focus: ["cylinder"], marks: [eye(100, 12)] },
];
const BREAK = ["break_open"];
const BREAK_END = (show: readonly string[]): Scene[] => [
  { art: "revolver", show, state: BREAK, focus: ["cylinder"], marks: [arrow(206, 50, 95, 26), cartridge(70, 18, 28)] },
  { art: "revolver", show, state: BREAK, marks: [eye(38, 18)] },
  { art: "revolver", show, state: BREAK, marks: [check(214, 20)] },
];
const CYLINDER_OUT = ["cylinder_out"];

// --- Long guns -------------------------------------------------------------------------------------
const BOLT_OPEN_SCENE = (show: readonly string[], state: readonly string[]): Scene => ({
  art: "bolt",
  show,
  state: [...state, "open"],
  focus: ["bolt_handle"],
  marks: [arrow(120, 40, 180, 34)],
});
const BOLT_CHECK = (show: readonly string[], state: readonly string[]): Scene[] => [
  { art: "bolt", show, state: [...state, "open"], marks: [eye(132, 36)] },
  { art: "bolt", show, state: [...state, "open"], marks: [check(200, 96)] },
];

const BREAK_ACTION_END = (show: readonly string[], state: readonly string[]): Scene[] => [
  { art: "break_action", show, state, marks: [cartridge(128, 40, -60), cartridge(118, 36, -70)] },
  { art: "break_action", show, state, focus: ["barrels"], marks: [eye(156, 38)] },
  { art: "break_action", show, state, marks: [check(40, 42)] },
];
const TIP_BARRELS = (show: readonly string[]): Scene => ({
  art: "break_action",
  show,
  state: ["open"],
  focus: ["barrels"],
  marks: [arrow(196, 50, 70, 28)],
});

const LEVER_CHECK = (show: readonly string[]): Scene[] => [
  { art: "lever", show, state: ["open"], marks: [eye(114, 38)] },
  { art: "lever", show, state: ["open"], marks: [check(200, 96)] },
];

// --- Other pistol (derringer art; marks in viewBox units: the art is scaled 1.3 and moved by -34, -22) ---
const OTHER_OPEN_CHECK = (show: readonly string[], state: readonly string[], at: { x: number; y: number }): Scene[] => [
  { art: "other_pistol", show, state, focus: ["barrels"], marks: [eye(at.x, at.y)] },
  { art: "other_pistol", show, state, marks: [check(180, 96)] },
];

// --- Military style --------------------------------------------------------------------------------
const AR_OPEN = ["magazine_out", "bolt_back"];
const SMG_MAGAZINE_OUT = (focus: string[]): Scene => ({
  art: "submachine_gun",
  state: ["magazine_out"],
  focus,
  marks: [arrow(126, 90, 90, 16)],
});
const SMG_COCKED: Scene = { art: "submachine_gun", state: ["magazine_out", "bolt_back"], focus: ["charging_handle"], marks: [arrow(140, 16, 180, 34)] };
const SMG_CHECK: Scene = { art: "submachine_gun", state: ["magazine_out", "bolt_back"], marks: [eye(122, 28), eye(110, 94)] };

export const SECURING_STEP_SCENES: Partial<Record<TypologyKey, Record<string, Scene[]>>> = {
  pistolet_semi_auto_moderne: {
    magazine_button_by_trigger_guard: [
      safe("pistol"),
      { art: "pistol", focus: ["mag_release"], marks: [arrow(150, 92, -135, 46)] },
      ...PISTOL_AFTER_MAGAZINE,
    ],
    magazine_heel_release: [
      safe("pistol", ["heel_catch"]),
      { art: "pistol", show: ["heel_catch"], focus: ["heel_catch", "magazine"], marks: [arrow(36, 62, 90, 30)] },
      ...PISTOL_AFTER_MAGAZINE,
    ],
  },
  revolver: {
    black_powder: [
      { art: "revolver", show: ["nipples"], focus: ["nipples"], marks: [stop(30, 22)] },
      safe("revolver", ["nipples"]),
      { art: "revolver", show: ["nipples"], focus: ["hammer"], marks: [noTouch(60, 16), NO_TRIGGER, stop(220, 96)] },
    ],
    swing_out: [
      safe("revolver", ["latch"]),
      { art: "revolver", show: ["latch"], focus: ["latch"], marks: [arrow(30, 38, 0, 30)] },
      { art: "revolver", show: ["latch"], state: SWUNG, focus: ["cylinder"], marks: [arrow(136, 52, 90, 28)] },
      ...REVOLVER_SWING_END,
    ],
    loading_gate_1873_us: [
      safe("revolver", GATE),
      { art: "revolver", show: GATE, state: ["hammer_back"], focus: ["hammer"], marks: [arrow(74, 6, 180, 28), NO_TRIGGER] },
      { art: "revolver", show: GATE, state: ["hammer_back", "gate_open"], focus: ["gate"], marks: [arrow(84, 62, 135, 24)] },
      ...GATE_ROTATE_EJECT.map((scene) => ({ ...scene, state: ["hammer_back", ...GATE_OPEN] })),
      { art: "revolver", show: GATE, state: ["hammer_back", ...GATE_OPEN], focus: ["gate"], marks: [check(160, 90)] },
    ],
    loading_gate_fixed_cylinder: [
      safe("revolver", GATE),
      { art: "revolver", show: GATE, state: GATE_OPEN, focus: ["gate"], marks: [arrow(84, 62, 135, 24)] },
      ...GATE_ROTATE_EJECT,
      { art: "revolver", show: GATE, state: GATE_OPEN, focus: ["gate"], marks: [check(160, 90)] },
    ],
    loading_gate_swing_cylinder: [
      safe("revolver", GATE),
      { art: "revolver", show: GATE, state: GATE_OPEN, focus: ["gate"], marks: [arrow(84, 62, 135, 24)] },
      { art: "revolver", show: GATE, state: [...GATE_OPEN, ...SWUNG], focus: ["cylinder"], marks: [arrow(136, 52, 90, 28)] },
      ...REVOLVER_SWING_END.map((scene) => ({ ...scene, show: GATE, state: [...GATE_OPEN, ...SWUNG] })),
    ],
    break_open_enfield: [
      safe("revolver", ["break_lever"]),
      { art: "revolver", show: ["break_lever"], focus: ["break_lever"], marks: [arrow(44, 18, 60, 26)] },
      ...BREAK_END(["break_lever"]),
    ],
    break_open_old: [
      safe("revolver", ["t_latch"]),
      { art: "revolver", show: ["t_latch"], focus: ["t_latch"], marks: [arrow(92, 18, -90, 16)] },
      ...BREAK_END(["t_latch"]),
    ],
    removable_axis: [
      safe("revolver", ["axis"]),
      { art: "revolver", show: ["axis"], focus: ["axis"], marks: [arrow(134, 58, 0, 30)] },
      { art: "revolver", show: ["axis"], state: CYLINDER_OUT, focus: ["cylinder"], marks: [arrow(140, 62, 90, 28)] },
      { art: "revolver", show: ["axis"], state: CYLINDER_OUT, focus: ["cylinder"], marks: [cartridge(66, 82), cartridge(62, 94)] },
      { art: "revolver", show: ["axis"], state: CYLINDER_OUT, marks: [eye(102, 110)] },
      { art: "revolver", show: ["axis"], state: CYLINDER_OUT, marks: [check(160, 96)] },
    ],
  },
  epaule_a_pompe: {
    pump_action: [
      safe("pump"),
      { art: "pump", focus: ["action_release"], marks: [arrow(131, 110, -90, 30)] },
      {
        art: "pump",
        state: ["open"],
        focus: ["forend"],
        marks: [arrow(196, 88, 180, 36), arrow(160, 102, 0, 36), cartridge(126, 40, -60)],
      },
      { art: "pump", state: ["open"], marks: [eye(126, 38)] },
      { art: "pump", state: ["open"], focus: ["tube"], marks: [eye(160, 86)] },
      { art: "pump", state: ["open"], marks: [check(200, 96)] },
    ],
  },
  epaule_a_un_coup_par_canon: {
    top_lever: [
      safe("break_action"),
      { art: "break_action", state: ["lever_pushed"], focus: ["top_lever"], marks: [arrow(92, 38, 0, 26)] },
      TIP_BARRELS([]),
      ...BREAK_ACTION_END([], ["open"]),
    ],
    under_lever_lefaucheux: [
      safe("break_action", ["under_lever"]),
      { art: "break_action", show: ["under_lever"], focus: ["under_lever"], marks: [arrow(186, 98, 180, 40)] },
      TIP_BARRELS(["under_lever"]),
      ...BREAK_ACTION_END(["under_lever"], ["open"]),
    ],
    wing_key_darne: [
      safe("break_action", ["wing_key", "breech"]),
      {
        art: "break_action",
        show: ["wing_key", "breech"],
        state: ["breech_back"],
        focus: ["wing_key", "breech"],
        marks: [arrow(120, 36, 180, 34)],
      },
      ...BREAK_ACTION_END(["wing_key", "breech"], ["breech_back"]),
    ],
  },
  epaule_a_verrou: {
    bolt_detachable_magazine: [
      safe("bolt", ["magazine"]),
      { art: "bolt", show: ["magazine"], state: ["magazine_out"], focus: ["magazine"], marks: [arrow(160, 70, 90, 26)] },
      BOLT_OPEN_SCENE(["magazine"], ["magazine_out"]),
      ...BOLT_CHECK(["magazine"], ["magazine_out"]),
    ],
    bolt_internal_magazine: [
      safe("bolt"),
      BOLT_OPEN_SCENE([], []),
      { art: "bolt", state: ["open"], focus: ["bolt_handle"], marks: [arrow(74, 40, 0, 30), cartridge(122, 38, -60)] },
      ...BOLT_CHECK([], []),
    ],
  },
  epaule_a_levier_sous_garde: {
    lever_front_loading_tube: [
      safe("lever", ["end_cap"]),
      { art: "lever", show: ["end_cap"], focus: ["end_cap"], marks: [arrow(226, 86, -90, 20)] },
      { art: "lever", focus: ["end_cap"], marks: [cartridge(228, 74, 60), cartridge(220, 84, 60)] },
      { art: "lever", state: ["open"], focus: ["lever"], marks: [arrow(64, 80, 90, 28), NO_TRIGGER] },
      ...LEVER_CHECK([]),
    ],
    lever_fixed_magazine: [
      safe("lever"),
      { art: "lever", state: ["open"], focus: ["lever"], marks: [arrow(64, 80, 90, 28), cartridge(114, 38, -60)] },
      ...LEVER_CHECK([]),
    ],
  },
  autre_pistolet: {
    single_shot_bolt_target: [
      safe("other_pistol", ["bolt_handle"]),
      { art: "other_pistol", show: ["bolt_handle"], state: ["open"], focus: ["bolt_handle"], marks: [arrow(96, 6, 180, 26), cartridge(104, 30, -60)] },
      ...OTHER_OPEN_CHECK(["bolt_handle"], ["open"], { x: 100, y: 22 }),
    ],
    derringer: [
      safe("other_pistol", ["lock_lever"]),
      { art: "other_pistol", show: ["lock_lever"], state: ["open"], focus: ["lock_lever", "barrels"], marks: [arrow(150, 40, -90, 26)] },
      { art: "other_pistol", show: ["lock_lever"], state: ["open"], focus: ["barrels"], marks: [cartridge(108, 20, -60), cartridge(118, 28, -60)] },
      { art: "other_pistol", show: ["lock_lever"], state: ["open"], focus: ["barrels"], marks: [eye(100, 14)] },
      { art: "other_pistol", show: ["lock_lever"], state: ["open"], marks: [check(180, 96)] },
    ],
    break_open_target: [
      safe("other_pistol", ["spur"]),
      { art: "other_pistol", show: ["spur"], state: ["tipped_down"], focus: ["spur"], marks: [arrow(78, 100, 180, 18), NO_TRIGGER] },
      { art: "other_pistol", show: ["spur"], state: ["tipped_down"], focus: ["barrels"], marks: [cartridge(86, 30, -30)] },
      ...OTHER_OPEN_CHECK(["spur"], ["tipped_down"], { x: 80, y: 22 }),
    ],
    sawn_off_gun: [
      safe("break_action"),
      { art: "break_action", state: ["lever_pushed", "open"], focus: ["top_lever", "barrels"], marks: [arrow(92, 38, 0, 26), arrow(196, 50, 70, 28)] },
      ...BREAK_ACTION_END([], ["open"]),
    ],
  },
  semi_auto_style_militaire_autre: {
    ar15_button_above_magazine: [
      safe("military_modern"),
      { art: "military_modern", focus: ["selector"], marks: [arrow(100, 34, 90, 12)] },
      { art: "military_modern", state: ["magazine_out"], focus: ["mag_release", "magazine"], marks: [arrow(150, 60, 180, 10), arrow(150, 96, 90, 16)] },
      { art: "military_modern", state: AR_OPEN, focus: ["charging_handle"], marks: [arrow(86, 34, 180, 30), cartridge(122, 34, -60)] },
      { art: "military_modern", state: AR_OPEN, marks: [eye(121, 36), eye(128, 84)] },
      { art: "military_modern", state: AR_OPEN, marks: [check(200, 96)] },
    ],
    ak_lever_behind_magazine: [
      safe("military_modern", ["ak_catch", "safety_lever"]),
      {
        art: "military_modern",
        show: ["ak_catch", "safety_lever"],
        state: ["magazine_out"],
        focus: ["ak_catch", "magazine"],
        marks: [arrow(92, 68, 0, 14), arrow(150, 96, 90, 16)],
      },
      {
        art: "military_modern",
        show: ["ak_catch", "safety_lever"],
        state: ["magazine_out", "safety_down"],
        focus: ["safety_lever"],
        marks: [arrow(128, 38, 90, 12), NO_TRIGGER],
      },
      {
        art: "military_modern",
        show: ["ak_catch", "safety_lever"],
        state: ["magazine_out", "safety_down", "bolt_back"],
        focus: ["charging_handle"],
        marks: [arrow(86, 34, 180, 30), cartridge(122, 34, -60)],
      },
      { art: "military_modern", show: ["ak_catch", "safety_lever"], state: ["magazine_out", "safety_down", "bolt_back"], marks: [eye(121, 36), eye(128, 84)] },
      { art: "military_modern", show: ["ak_catch", "safety_lever"], state: ["magazine_out"], focus: ["safety_lever"], marks: [arrow(128, 62, -90, 12)] },
    ],
    sten_side_magazine: [
      safe("submachine_gun"),
      SMG_MAGAZINE_OUT(["magazine"]),
      SMG_COCKED,
      SMG_CHECK,
    ],
    thompson_lever_above_trigger_guard: [
      safe("submachine_gun"),
      SMG_MAGAZINE_OUT(["magazine"]),
      SMG_COCKED,
      SMG_CHECK,
    ],
    uzi_button_at_grip_base: [
      safe("submachine_gun"),
      SMG_MAGAZINE_OUT(["mag_release", "magazine"]),
      { ...SMG_COCKED, focus: ["charging_handle", "grip"], marks: [...(SMG_COCKED.marks ?? []), NO_TRIGGER] },
      SMG_CHECK,
    ],
  },
};

/** The four general rules of every securing (GENERAL_SECURING_RULES, in order), drawn for a family's weapon. */
export function generalRuleScenes(art: ArtId): Scene[] {
  const chamber: Mark = art === "pistol" ? cartridge(160, 8, 0) : cartridge(126, 40, 0);
  return [
    { art, marks: [chamber, { kind: "warning", x: 30, y: art === "pistol" ? 20 : 42 }] },
    { art, marks: [SAFE] },
    { art, marks: [NO_TRIGGER] },
    { art, marks: [stop(30, art === "pistol" ? 20 : 42)] },
  ];
}
