/**
 * One line-art style for every drawing of the project: dark outline, two neutral fills (metal, wood) and
 * one accent for the part that matters (the decisive feature, or the part a step works).
 */
export const INK = "#161616";
export const METAL = "#d3d6db";
export const POLYMER = "#7d8289";
export const WOOD = "#f1ddb9";
export const ACCENT = "#ff9d2e";
export const HOLE = "#3d3d3d";
export const BRASS = "#d9a520";
export const ACTION_BLUE = "#000091";
export const DANGER_RED = "#ce0500";
export const OK_GREEN = "#18753c";

/** Parts the current drawing highlights, states it is in, optional parts it shows. */
export interface ArtProps {
  focus: ReadonlySet<string>;
  state: ReadonlySet<string>;
  show: ReadonlySet<string>;
}

/** The accent when the part is focused, its own fill otherwise. */
export function paint(props: ArtProps, part: string, base: string): string {
  return props.focus.has(part) ? ACCENT : base;
}
