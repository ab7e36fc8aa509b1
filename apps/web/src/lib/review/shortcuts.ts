/**
 * Keyboard shortcuts of the review screen. One table, shown on screen as it is, so what the legend says
 * is what the keys do. Letters act only outside text fields (typing "c" in a note must not confirm).
 */
export type ReviewAction =
  | "candidate"
  | "applyEarlier"
  | "confirm"
  | "correct"
  | "unusable"
  | "next"
  | "release"
  | "zoomIn"
  | "zoomOut"
  | "zoomReset"
  | "previousPhoto"
  | "nextPhoto"
  | "help";

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; action: ReviewAction }> = [
  { keys: ["1", "2", "3"], action: "candidate" },
  { keys: ["A"], action: "applyEarlier" },
  { keys: ["C"], action: "confirm" },
  { keys: ["R"], action: "correct" },
  { keys: ["U"], action: "unusable" },
  { keys: ["N"], action: "next" },
  { keys: ["Esc"], action: "release" },
  { keys: ["+"], action: "zoomIn" },
  { keys: ["-"], action: "zoomOut" },
  { keys: ["0"], action: "zoomReset" },
  { keys: ["["], action: "previousPhoto" },
  { keys: ["]"], action: "nextPhoto" },
  { keys: ["?"], action: "help" },
];

const BY_KEY: Record<string, ReviewAction> = {
  a: "applyEarlier",
  c: "confirm",
  r: "correct",
  u: "unusable",
  n: "next",
  escape: "release",
  "+": "zoomIn",
  "=": "zoomIn",
  "-": "zoomOut",
  "0": "zoomReset",
  "[": "previousPhoto",
  "]": "nextPhoto",
  "?": "help",
};

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** tag name of the focused element ("INPUT", "TEXTAREA", "SELECT", …) */
  targetTag?: string;
  targetEditable?: boolean;
  /** a key held down repeats: an action never fires twice from one press */
  repeat?: boolean;
}

const TEXT_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** The model's candidate a digit picks (0-based), or null: 1 is the first candidate shown. */
export function candidateIndexForKey(key: string): number | null {
  return /^[1-9]$/.test(key) ? Number(key) - 1 : null;
}

/**
 * The action a key press asks for, or null. Browser and system shortcuts (Ctrl/⌘/Alt) are never taken;
 * in a text field only Escape acts, and it leaves the field rather than releasing the case.
 */
export function actionForKey(press: KeyPress): ReviewAction | "leaveField" | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.repeat) return null;
  const key = press.key.toLowerCase();
  const inField = press.targetEditable || (press.targetTag !== undefined && TEXT_TAGS.has(press.targetTag.toUpperCase()));
  if (inField) return key === "escape" ? "leaveField" : null;
  if (candidateIndexForKey(key) !== null) return "candidate";
  return BY_KEY[key] ?? null;
}
