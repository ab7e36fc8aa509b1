import { PistolArt } from "./art-handguns";
import { BRASS, DANGER_RED, INK, METAL, OK_GREEN, POLYMER, type ArtProps } from "./palette";

const NOTHING: ArtProps = { focus: new Set(), state: new Set(), show: new Set() };
const FRAME = { x: 4, y: 4, width: 232, height: 142, rx: 8 };

/**
 * The photo guidance drawn: a good photo (the whole weapon, side view, muzzle to the right, plain
 * background, good light) and one to avoid (cut off by the frame, tilted, busy background, in the shade).
 * Same line-art style as the typology drawings; `title` names the image (it is the alt text).
 */
export function PhotoExampleDrawing({ kind, title, className }: { kind: "good" | "avoid"; title: string; className?: string }) {
  const good = kind === "good";
  // one instance of each per page: fixed ids are enough for the clip path and the pattern
  const clip = `photo-example-${kind}-clip`;
  const pattern = `photo-example-${kind}-pattern`;
  return (
    <svg viewBox="0 0 240 150" xmlns="http://www.w3.org/2000/svg" role="img" aria-label={title} focusable="false" className={className}>
      <title>{title}</title>
      <defs>
        <clipPath id={clip}>
          <rect {...FRAME} />
        </clipPath>
        <pattern id={pattern} width="14" height="14" patternUnits="userSpaceOnUse" patternTransform="rotate(35)">
          <rect width="14" height="14" fill={METAL} />
          <rect width="7" height="14" fill={POLYMER} />
        </pattern>
      </defs>
      <g clipPath={`url(#${clip})`}>
        <rect {...FRAME} fill={good ? "#f6f6f6" : `url(#${pattern})`} />
        {good ? (
          // a lamp lighting the weapon
          <g stroke={INK} strokeWidth={2} strokeLinecap="round">
            <circle cx={30} cy={28} r={9} fill={BRASS} />
            <path d="M30 12 V15 M30 41 V44 M14 28 H17 M43 28 H46 M19 17 L21 19 M39 37 L41 39 M41 17 L39 19 M19 39 L21 37" />
          </g>
        ) : null}
        <g stroke={INK} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" transform={good ? "translate(-5 22)" : "translate(62 30) rotate(-20 125 56)"}>
          <PistolArt {...NOTHING} />
        </g>
        {good ? null : <rect {...FRAME} fill={INK} opacity={0.4} />}
      </g>
      <rect {...FRAME} fill="none" stroke={INK} strokeWidth={2} />
      {good ? (
        <g>
          <circle cx={212} cy={122} r={15} fill={OK_GREEN} stroke="#ffffff" strokeWidth={2} />
          <path d="M204 122 L210 128 L221 115" fill="none" stroke="#ffffff" strokeWidth={4} strokeLinecap="round" strokeLinejoin="round" />
        </g>
      ) : (
        <g>
          <circle cx={28} cy={122} r={15} fill={DANGER_RED} stroke="#ffffff" strokeWidth={2} />
          <path d="M21 115 L35 129 M35 115 L21 129" fill="none" stroke="#ffffff" strokeWidth={4} strokeLinecap="round" />
        </g>
      )}
    </svg>
  );
}
