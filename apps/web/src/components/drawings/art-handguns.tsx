import { HOLE, INK, METAL, POLYMER, WOOD, paint, type ArtProps } from "./palette";

// Side views, muzzle to the right (as the photo guidance asks), in a 240 × 120 box.

/** Modern semi-automatic pistol. Parts: slide, magazine, grip, mag_release, heel_catch, slide_stop. */
export function PistolArt(props: ArtProps) {
  const slideBack = props.state.has("slide_back");
  const magazineOut = props.state.has("magazine_out");
  return (
    <g>
      {/* barrel: hidden under the slide, seen when the slide is back */}
      <rect x={150} y={22} width={46} height={12} fill={METAL} />
      <g transform={magazineOut ? "translate(-4 24)" : undefined}>
        <path d="M70 50 H102 L95 96 H62 Z" fill={paint(props, "magazine", METAL)} />
        <rect x={57} y={94} width={40} height={5} rx={1.5} fill={paint(props, "magazine", METAL)} />
      </g>
      <path d="M60 38 H193 V48 H60 Z" fill={POLYMER} />
      <path d="M64 47 H106 L97 92 Q96 95 92 95 H58 Q54 95 55 91 Z" fill={paint(props, "grip", POLYMER)} />
      <path d="M104 48 V58 Q104 67 113 67 H134 Q139 67 139 61 V48" fill="none" strokeWidth={3} />
      <path d="M117 48 Q122 55 118 62" fill="none" strokeWidth={3} />
      <circle cx={108} cy={52} r={3.5} fill={paint(props, "mag_release", METAL)} />
      {props.show.has("heel_catch") || props.focus.has("heel_catch") ? (
        <rect x={52} y={86} width={7} height={8} rx={1} fill={paint(props, "heel_catch", METAL)} />
      ) : null}
      <rect x={120} y={40} width={20} height={5} rx={2} fill={paint(props, "slide_stop", METAL)} />
      <g transform={slideBack ? "translate(-22 0)" : undefined}>
        <path d="M59 18 H194 Q198 18 198 22 V38 H56 V21 Q56 18 59 18 Z" fill={paint(props, "slide", METAL)} />
        <rect x={122} y={21} width={22} height={6} fill={slideBack ? HOLE : "none"} />
        <path d="M63 23 V34 M68 23 V34 M73 23 V34" strokeWidth={1.5} />
        <rect x={188} y={14} width={5} height={4} fill={INK} />
        <rect x={60} y={13} width={8} height={5} fill={INK} />
      </g>
    </g>
  );
}

/** Revolver. Parts: cylinder, hammer, latch, gate, t_latch, break_lever, axis, nipples, ejector. */
export function RevolverArt(props: ArtProps) {
  const { state, show, focus } = props;
  const visible = (part: string) => show.has(part) || focus.has(part);
  const swung = state.has("cylinder_swung");
  const removed = state.has("cylinder_out");
  const broken = state.has("break_open");
  const cylinderTransform = removed ? "translate(2 44)" : swung ? "translate(4 30)" : undefined;
  const cylinder = (
    <g transform={cylinderTransform}>
      <rect x={80} y={28} width={40} height={26} rx={4} fill={paint(props, "cylinder", METAL)} />
      <rect x={86} y={31} width={28} height={4} rx={2} fill="none" strokeWidth={1.5} />
      <rect x={86} y={39} width={28} height={4} rx={2} fill="none" strokeWidth={1.5} />
      <rect x={86} y={47} width={28} height={4} rx={2} fill="none" strokeWidth={1.5} />
      {visible("nipples") ? (
        <g fill={paint(props, "nipples", METAL)}>
          <rect x={75} y={30} width={5} height={4} />
          <rect x={75} y={39} width={5} height={4} />
          <rect x={75} y={48} width={5} height={4} />
        </g>
      ) : null}
    </g>
  );
  const barrel = (
    <g>
      <path d="M120 28 H200 V42 H120 Z" fill={METAL} />
      <path d="M194 28 L195 23 H199 V28 Z" fill={INK} />
      <path d="M124 46 H184" strokeWidth={3} fill="none" stroke={focus.has("ejector") ? "#e07800" : INK} />
      <circle cx={186} cy={46} r={3} fill={paint(props, "ejector", METAL)} />
      {visible("axis") ? <rect x={120} y={42} width={10} height={8} rx={1} fill={paint(props, "axis", METAL)} /> : null}
    </g>
  );
  return (
    <g>
      <path d="M60 24 H124 V56 H74 L62 46 Z" fill={METAL} />
      <path d="M82 56 Q80 73 94 73 Q106 73 106 56" fill="none" strokeWidth={3} />
      <path d="M92 56 Q97 62 93 68" fill="none" strokeWidth={3} />
      <path d="M62 44 L82 55 Q76 72 79 90 Q80 97 72 97 H53 Q46 97 47 90 Q50 66 58 48 Z" fill={paint(props, "grip", WOOD)} />
      <g transform={state.has("hammer_back") ? "rotate(-18 66 26)" : undefined}>
        <path d="M62 26 L51 12 Q49 8 54 9 L61 13 L71 24 Z" fill={paint(props, "hammer", METAL)} />
      </g>
      {visible("latch") ? <rect x={64} y={34} width={10} height={7} rx={1.5} fill={paint(props, "latch", METAL)} /> : null}
      {visible("gate") ? (
        <g transform={state.has("gate_open") ? "rotate(65 74 52)" : undefined}>
          <rect x={70} y={34} width={9} height={18} rx={1.5} fill={paint(props, "gate", METAL)} />
        </g>
      ) : null}
      {visible("t_latch") ? <path d="M62 19 H78 M70 19 V25" strokeWidth={4} stroke={focus.has("t_latch") ? "#e07800" : INK} /> : null}
      {visible("break_lever") ? (
        <path d="M66 28 L76 44" strokeWidth={5} strokeLinecap="round" stroke={focus.has("break_lever") ? "#e07800" : INK} />
      ) : null}
      {broken ? (
        <g transform="rotate(28 124 56)">
          {barrel}
          {cylinder}
        </g>
      ) : (
        <>
          {barrel}
          {cylinder}
        </>
      )}
    </g>
  );
}

/**
 * Other pistol, drawn as a two-barrel derringer (barrels tip up on a hinge). Parts: barrels, hammer, and
 * for the securing steps: lock_lever (derringer), spur (break-open target pistol, whose barrel tips down
 * in state "tipped_down"), bolt_handle (single-shot target pistol, drawn back in state "open").
 */
export function OtherPistolArt(props: ArtProps) {
  const open = props.state.has("open");
  const boltAction = props.show.has("bolt_handle");
  const barrelTurn = props.state.has("tipped_down") ? "rotate(18 96 62)" : open && !boltAction ? "rotate(-14 96 38)" : undefined;
  return (
    <g transform="translate(-34 -22) scale(1.3)" strokeWidth={1.6}>
      <path d="M68 38 H96 V66 H74 Z" fill={METAL} />
      <path d="M70 62 L92 66 Q86 78 90 90 Q93 99 84 100 Q70 101 64 92 Q58 82 64 70 Z" fill={WOOD} />
      <path d="M98 66 Q103 72 98 78" fill="none" strokeWidth={3} />
      {props.show.has("spur") ? <path d="M96 80 L86 96 L92 99 L101 83 Z" fill={paint(props, "spur", METAL)} /> : null}
      {boltAction ? (
        <g transform={open ? "translate(-12 0)" : undefined}>
          <path d="M84 34 H100 V40 H84 Z" fill={paint(props, "bolt_handle", METAL)} />
          <circle cx={88} cy={30} r={4} fill={paint(props, "bolt_handle", METAL)} />
        </g>
      ) : (
        <path d="M68 40 L58 29 Q56 25 61 26 L67 30 L76 38 Z" fill={paint(props, "hammer", METAL)} />
      )}
      <g transform={barrelTurn}>
        <path d="M96 38 H158 Q162 38 162 42 V51 H96 Z" fill={paint(props, "barrels", METAL)} />
        <path d="M96 51 H162 V60 Q162 64 158 64 H96 Z" fill={paint(props, "barrels", METAL)} />
        <path d="M100 51 H160" strokeWidth={1.5} />
        <rect x={152} y={34} width={5} height={4} fill={INK} />
      </g>
      {boltAction && open ? <rect x={96} y={42} width={8} height={6} fill={HOLE} /> : null}
      {props.show.has("lock_lever") ? <circle cx={84} cy={50} r={4} fill={paint(props, "lock_lever", METAL)} /> : null}
      <circle cx={96} cy={62} r={2.5} fill={INK} />
    </g>
  );
}

/** Flintlock pistol. Parts: lock, ramrod. */
export function AntiquePistolArt(props: ArtProps) {
  return (
    <g>
      <path d="M86 50 L176 47 V56 L98 61 Q84 65 80 76 L73 93 Q70 101 61 101 Q49 101 51 90 Q57 70 70 56 Q76 50 86 50 Z" fill={WOOD} />
      <path d="M88 43 H206 V50 H88 Z" fill={METAL} />
      <path d="M118 57 H182" strokeWidth={3} fill="none" stroke={props.focus.has("ramrod") ? "#e07800" : INK} />
      <path d="M99 62 Q97 75 108 75 Q119 74 118 60" fill="none" strokeWidth={3} />
      <path d="M106 62 Q110 66 106 71" fill="none" strokeWidth={2.5} />
      <g fill={paint(props, "lock", METAL)}>
        <path d="M86 51 H120 V58 H90 Z" />
        <path d="M94 51 L84 36 Q82 31 88 32 L92 35 L98 33 L101 37 L97 41 L101 51 Z" />
        <path d="M112 51 V39 Q112 36 115 37 L118 40 V51 Z" />
      </g>
    </g>
  );
}

/**
 * Submachine gun (Uzi type), the one handgun-sized weapon of the military-style class. Parts: magazine,
 * grip, mag_release (button at the grip base), charging_handle (on top); states: magazine_out, bolt_back.
 */
export function SubmachineGunArt(props: ArtProps) {
  return (
    <g>
      <path d="M36 36 H62 V42 H36 Z" fill={METAL} />
      <path d="M32 32 H40 V46 H32 Z" fill={METAL} />
      <g transform={props.state.has("magazine_out") ? "translate(0 7)" : undefined}>
        <path d="M100 82 H118 L117 108 H102 Z" fill={paint(props, "magazine", METAL)} />
      </g>
      <path d="M60 30 H176 V54 H60 Z" fill={METAL} />
      <path d="M176 38 H198 V46 H176 Z" fill={METAL} />
      <path d="M98 54 H122 L119 84 H99 Z" fill={paint(props, "grip", POLYMER)} />
      <path d="M122 54 Q122 68 134 68 H142 V54" fill="none" strokeWidth={3} />
      <path d="M128 54 Q132 59 128 64" fill="none" strokeWidth={2.5} />
      <g transform={props.state.has("bolt_back") ? "translate(-30 0)" : undefined}>
        <rect x={130} y={24} width={14} height={6} rx={2} fill={paint(props, "charging_handle", METAL)} />
      </g>
      {props.state.has("bolt_back") ? <rect x={112} y={36} width={22} height={8} fill={HOLE} /> : null}
      <circle cx={104} cy={78} r={3} fill={paint(props, "mag_release", METAL)} />
      <path d="M80 40 H150" strokeWidth={1.5} />
    </g>
  );
}
