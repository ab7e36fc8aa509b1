import type { ReactNode } from "react";
import { AntiquePistolArt, OtherPistolArt, PistolArt, RevolverArt, SubmachineGunArt } from "./art-handguns";
import {
  AntiqueLongGunArt,
  BoltArt,
  BreakActionArt,
  HuntingSemiAutoArt,
  LeverArt,
  MilitaryModernArt,
  MilitaryWoodArt,
  PumpArt,
} from "./art-long-guns";
import { MarkView, type Mark } from "./marks";
import { INK, type ArtProps } from "./palette";

export interface ArtSpec {
  draw: (props: ArtProps) => ReactNode;
  /** Where a safe-direction arrow starts, and where the trigger is (for "do not touch"). */
  muzzle: { x: number; y: number };
  trigger: { x: number; y: number };
  /** Long guns are slim: their box drops the empty top. */
  viewBox: string;
  /** A closer crop for drawings without marks (cards, thumbnails), where the marks' margins are not needed. */
  tightBox?: string;
}

const HANDGUN_BOX = "0 0 240 120";
const LONG_GUN_BOX = "0 18 240 102";
const HANDGUN_TIGHT_BOX = "30 2 180 110";

export const ARTS = {
  pistol: { draw: PistolArt, muzzle: { x: 198, y: 28 }, trigger: { x: 120, y: 56 }, viewBox: HANDGUN_BOX, tightBox: HANDGUN_TIGHT_BOX },
  revolver: { draw: RevolverArt, muzzle: { x: 200, y: 35 }, trigger: { x: 95, y: 62 }, viewBox: HANDGUN_BOX, tightBox: HANDGUN_TIGHT_BOX },
  other_pistol: { draw: OtherPistolArt, muzzle: { x: 176, y: 42 }, trigger: { x: 95, y: 70 }, viewBox: HANDGUN_BOX, tightBox: HANDGUN_TIGHT_BOX },
  antique_pistol: { draw: AntiquePistolArt, muzzle: { x: 206, y: 46 }, trigger: { x: 108, y: 67 }, viewBox: HANDGUN_BOX, tightBox: HANDGUN_TIGHT_BOX },
  submachine_gun: { draw: SubmachineGunArt, muzzle: { x: 198, y: 42 }, trigger: { x: 130, y: 60 }, viewBox: HANDGUN_BOX, tightBox: HANDGUN_TIGHT_BOX },
  bolt: { draw: BoltArt, muzzle: { x: 232, y: 52 }, trigger: { x: 111, y: 72 }, viewBox: LONG_GUN_BOX },
  lever: { draw: LeverArt, muzzle: { x: 232, y: 53 }, trigger: { x: 111, y: 73 }, viewBox: LONG_GUN_BOX },
  pump: { draw: PumpArt, muzzle: { x: 232, y: 53 }, trigger: { x: 115, y: 74 }, viewBox: LONG_GUN_BOX },
  break_action: { draw: BreakActionArt, muzzle: { x: 232, y: 58 }, trigger: { x: 115, y: 77 }, viewBox: LONG_GUN_BOX },
  hunting_semi_auto: { draw: HuntingSemiAutoArt, muzzle: { x: 232, y: 51 }, trigger: { x: 115, y: 75 }, viewBox: LONG_GUN_BOX },
  military_wood: { draw: MilitaryWoodArt, muzzle: { x: 232, y: 52 }, trigger: { x: 115, y: 72 }, viewBox: LONG_GUN_BOX },
  military_modern: { draw: MilitaryModernArt, muzzle: { x: 233, y: 51 }, trigger: { x: 114, y: 70 }, viewBox: LONG_GUN_BOX },
  antique_long_gun: { draw: AntiqueLongGunArt, muzzle: { x: 232, y: 54 }, trigger: { x: 107, y: 73 }, viewBox: LONG_GUN_BOX },
} satisfies Record<string, ArtSpec>;

export type ArtId = keyof typeof ARTS;

/** One drawing: which weapon, in which state, which parts in the accent colour, what marks on top. */
export interface Scene {
  art: ArtId;
  focus?: readonly string[];
  state?: readonly string[];
  show?: readonly string[];
  marks?: readonly Mark[];
}

export interface DrawingProps {
  className?: string;
  /** The accessible name (in the page's language). Without it the drawing is decorative (hidden from assistive tech). */
  title?: string;
}

/**
 * Renders a scene as an inline SVG. With a title it is an image named by that title (role="img",
 * aria-label and <title>); without, it is hidden from assistive technologies, for use beside text that
 * already says the same.
 */
export function SceneSvg({ scene, className, title }: DrawingProps & { scene: Scene }) {
  const spec: ArtSpec = ARTS[scene.art];
  const props: ArtProps = {
    focus: new Set(scene.focus ?? []),
    state: new Set(scene.state ?? []),
    show: new Set(scene.show ?? []),
  };
  return (
    <svg
      viewBox={(scene.marks ?? []).length === 0 && spec.tightBox ? spec.tightBox : spec.viewBox}
      xmlns="http://www.w3.org/2000/svg"
      className={className}
      {...(title ? { role: "img", "aria-label": title } : { "aria-hidden": true })}
      focusable="false"
    >
      {title ? <title>{title}</title> : null}
      <g stroke={INK} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round">
        {spec.draw(props)}
      </g>
      {(scene.marks ?? []).map((mark, index) => (
        <MarkView key={index} mark={resolveMark(mark, spec)} />
      ))}
    </svg>
  );
}

/** Marks placed at the art's own anchors when they give no position of their own (x < 0). */
function resolveMark(mark: Mark, spec: ArtSpec): Mark {
  if (mark.kind === "safe_direction" && mark.x < 0) return { ...mark, ...spec.muzzle };
  if (mark.kind === "no_touch" && mark.x < 0) return { ...mark, ...spec.trigger };
  return mark;
}

/** Shorthands for scene data. */
export const SAFE: Mark = { kind: "safe_direction", x: -1, y: -1 };
export const NO_TRIGGER: Mark = { kind: "no_touch", x: -1, y: -1 };
