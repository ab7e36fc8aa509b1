import { ACTION_BLUE, BRASS, DANGER_RED, INK, OK_GREEN } from "./palette";

/** What a step drawing adds on top of the weapon: the movement, where to look, what not to touch. */
export type Mark =
  | { kind: "arrow"; x: number; y: number; angle: number; length?: number }
  | { kind: "eye"; x: number; y: number }
  | { kind: "check"; x: number; y: number }
  | { kind: "stop"; x: number; y: number }
  | { kind: "warning"; x: number; y: number }
  | { kind: "cartridge"; x: number; y: number; angle?: number }
  | { kind: "no_touch"; x: number; y: number }
  | { kind: "safe_direction"; x: number; y: number };

/** A thick arrow starting at (x, y), pointing at `angle` degrees (0 = right, 90 = down). */
function Arrow({ x, y, angle, length = 30 }: { x: number; y: number; angle: number; length?: number }) {
  return (
    <g transform={`translate(${x} ${y}) rotate(${angle})`}>
      <path d={`M0 0 H${length - 8}`} stroke={ACTION_BLUE} strokeWidth={4} strokeLinecap="round" fill="none" />
      <path d={`M${length} 0 L${length - 11} -7 L${length - 11} 7 Z`} fill={ACTION_BLUE} stroke={ACTION_BLUE} strokeWidth={1.5} strokeLinejoin="round" />
    </g>
  );
}

function Eye({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <path d="M-13 0 Q0 -11 13 0 Q0 11 -13 0 Z" fill="#fff" stroke={ACTION_BLUE} strokeWidth={2.5} strokeLinejoin="round" />
      <circle r={4.5} fill={ACTION_BLUE} />
    </g>
  );
}

function Check({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <circle r={11} fill={OK_GREEN} />
      <path d="M-5 0 L-1.5 4.5 L6 -4.5" stroke="#fff" strokeWidth={3} fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </g>
  );
}

function Stop({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <path d="M-5 -12 H5 L12 -5 V5 L5 12 H-5 L-12 5 V-5 Z" fill={DANGER_RED} stroke="#fff" strokeWidth={1.5} />
      <path d="M-6.5 0 H6.5" stroke="#fff" strokeWidth={3.5} strokeLinecap="round" />
    </g>
  );
}

function Warning({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <path d="M0 -12 L12 10 H-12 Z" fill={DANGER_RED} stroke={DANGER_RED} strokeWidth={2} strokeLinejoin="round" />
      <path d="M0 -4 V3" stroke="#fff" strokeWidth={2.5} strokeLinecap="round" />
      <circle cy={7} r={1.5} fill="#fff" />
    </g>
  );
}

function Cartridge({ x, y, angle = 0 }: { x: number; y: number; angle?: number }) {
  return (
    <g transform={`translate(${x} ${y}) rotate(${angle})`} stroke={INK} strokeWidth={1.5} strokeLinejoin="round">
      <rect x={-7} y={-3.5} width={10} height={7} fill={BRASS} />
      <path d="M3 -3.5 H5 Q9 -3.5 10 0 Q9 3.5 5 3.5 H3 Z" fill="#b87333" />
    </g>
  );
}

/** "Do not touch": a red circle struck through, over the trigger. */
function NoTouch({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`} stroke={DANGER_RED} strokeWidth={3} fill="none">
      <circle r={10} />
      <path d="M-7 -7 L7 7" strokeLinecap="round" />
    </g>
  );
}

/** From the muzzle, an arrow to the ground (a safe direction), over hatched ground. */
function SafeDirection({ x, y }: { x: number; y: number }) {
  return (
    <g>
      <Arrow x={Math.min(x, 204)} y={y + 6} angle={55} length={34} />
      <path d="M178 114 H236" stroke={INK} strokeWidth={2} />
      {[0, 1, 2, 3, 4, 5, 6].map((index) => {
        const start = 184 + index * 7.5;
        return <path key={index} d={`M${start} 114 l-5 5`} stroke={INK} strokeWidth={1.5} />;
      })}
    </g>
  );
}

export function MarkView({ mark }: { mark: Mark }) {
  switch (mark.kind) {
    case "arrow":
      return <Arrow x={mark.x} y={mark.y} angle={mark.angle} length={mark.length} />;
    case "eye":
      return <Eye x={mark.x} y={mark.y} />;
    case "check":
      return <Check x={mark.x} y={mark.y} />;
    case "stop":
      return <Stop x={mark.x} y={mark.y} />;
    case "warning":
      return <Warning x={mark.x} y={mark.y} />;
    case "cartridge":
      return <Cartridge x={mark.x} y={mark.y} angle={mark.angle} />;
    case "no_touch":
      return <NoTouch x={mark.x} y={mark.y} />;
    case "safe_direction":
      return <SafeDirection x={mark.x} y={mark.y} />;
  }
}
