import { HOLE, INK, METAL, POLYMER, WOOD, paint, type ArtProps } from "./palette";

// Side views, muzzle to the right, in a 240 × 120 box; the butt at the left edge.

const FOCUS_LINE = "#e07800";

function TriggerGroup({ x, y }: { x: number; y: number }) {
  return (
    <g fill="none">
      <path d={`M${x} ${y} Q${x} ${y + 12} ${x + 10} ${y + 12} Q${x + 21} ${y + 12} ${x + 22} ${y}`} strokeWidth={3} />
      <path d={`M${x + 9} ${y} Q${x + 13} ${y + 5} ${x + 10} ${y + 10}`} strokeWidth={2.5} />
    </g>
  );
}

/** Bolt action. Parts: bolt_handle, magazine (shown with show:magazine), stock. */
export function BoltArt(props: ArtProps) {
  const open = props.state.has("open");
  const hasMagazine = props.show.has("magazine") || props.focus.has("magazine");
  return (
    <g>
      {hasMagazine ? (
        <g transform={props.state.has("magazine_out") ? "translate(0 16)" : undefined}>
          <path d="M128 60 H146 V78 H130 Z" fill={paint(props, "magazine", METAL)} />
        </g>
      ) : null}
      <path d="M8 50 L60 53 L96 57 H198 V64 L122 66 L106 70 Q96 72 90 66 L12 82 L8 80 Z" fill={paint(props, "stock", WOOD)} />
      <path d="M144 50 H232 V55 H144 Z" fill={METAL} />
      <path d="M96 48 H144 V58 H96 Z" fill={METAL} />
      {open ? <rect x={72} y={50} width={26} height={6} fill={METAL} /> : null}
      {open ? <rect x={108} y={49} width={18} height={6} fill={HOLE} /> : null}
      <TriggerGroup x={100} y={66} />
      <g transform={open ? "translate(-24 0) rotate(132 132 53)" : undefined}>
        <path d="M132 53 L122 70" strokeWidth={5} stroke={props.focus.has("bolt_handle") ? FOCUS_LINE : INK} strokeLinecap="round" />
        <circle cx={121} cy={72} r={6} fill={paint(props, "bolt_handle", METAL)} />
      </g>
    </g>
  );
}

/** Lever action. Parts: lever, end_cap (show), stock. */
export function LeverArt(props: ArtProps) {
  const open = props.state.has("open");
  const lever = props.focus.has("lever") ? FOCUS_LINE : INK;
  return (
    <g>
      <path d="M8 52 L96 58 V70 L88 70 L12 84 L8 82 Z" fill={paint(props, "stock", WOOD)} />
      <path d="M136 50 H232 V56 H136 Z" fill={METAL} />
      <path d="M136 58 H228 V63 H136 Z" fill={METAL} />
      {props.show.has("end_cap") || props.focus.has("end_cap") ? (
        <rect x={222} y={56} width={10} height={9} rx={1} fill={paint(props, "end_cap", METAL)} />
      ) : null}
      <path d="M136 51 H178 Q183 51 183 56 V63 Q183 68 178 68 H136 Z" fill={WOOD} />
      <path d="M94 48 H138 V70 H94 Z" fill={METAL} />
      {open ? <rect x={104} y={48} width={20} height={5} fill={HOLE} /> : null}
      <path d="M110 70 Q113 74 110 77" fill="none" strokeWidth={2.5} />
      <g transform={open ? "rotate(-38 130 70)" : undefined} fill="none" stroke={lever}>
        <path d="M130 70 Q130 80 120 80 H100" strokeWidth={4.5} strokeLinecap="round" />
        <rect x={76} y={71} width={26} height={20} rx={10} strokeWidth={4.5} />
      </g>
    </g>
  );
}

/** Pump action. Parts: forend, action_release, tube. */
export function PumpArt(props: ArtProps) {
  const open = props.state.has("open");
  return (
    <g>
      <path d="M8 50 L58 53 L100 57 V70 L92 70 Q86 70 82 66 L12 84 L8 82 Z" fill={paint(props, "stock", WOOD)} />
      <path d="M140 50 H232 V56 H140 Z" fill={METAL} />
      <path d="M140 59 H214 V65 H140 Z" fill={paint(props, "tube", METAL)} />
      <path d="M100 49 H142 V68 H100 Z" fill={METAL} />
      {open ? <rect x={116} y={52} width={20} height={7} fill={HOLE} /> : null}
      <TriggerGroup x={104} y={68} />
      <circle cx={131} cy={71} r={3.5} fill={paint(props, "action_release", METAL)} />
      <g transform={open ? "translate(-20 0)" : undefined}>
        <path d="M166 57 H204 Q208 57 208 61 V67 Q208 71 204 71 H166 Q162 71 162 67 V61 Q162 57 166 57 Z" fill={paint(props, "forend", WOOD)} />
        <path d="M170 59 V69 M176 59 V69 M182 59 V69 M188 59 V69 M194 59 V69 M200 59 V69" strokeWidth={1.5} />
      </g>
    </g>
  );
}

/** One shot per barrel (over-under). Parts: barrels, top_lever, under_lever (show), wing_key (show), breech (show). */
export function BreakActionArt(props: ArtProps) {
  const open = props.state.has("open");
  const visible = (part: string) => props.show.has(part) || props.focus.has(part);
  return (
    <g>
      <path d="M8 50 L62 54 L100 56 V70 L92 70 L12 84 L8 82 Z" fill={paint(props, "stock", WOOD)} />
      <g transform={open ? "rotate(20 134 68)" : undefined}>
        <path d="M134 51 H232 V58 H134 Z" fill={paint(props, "barrels", METAL)} />
        <path d="M134 58 H230 V65 H134 Z" fill={paint(props, "barrels", METAL)} />
        <path d="M136 65 H180 L177 73 H142 Q136 73 136 68 Z" fill={WOOD} />
        {visible("under_lever") ? <path d="M128 72 L176 76 L177 80 L130 77 Z" fill={paint(props, "under_lever", METAL)} /> : null}
      </g>
      <path d="M98 50 H134 V64 Q134 71 127 71 H98 Z" fill={METAL} />
      {visible("breech") ? (
        <g transform={props.state.has("breech_back") ? "translate(-16 0)" : undefined}>
          <rect x={104} y={50} width={28} height={9} fill={paint(props, "breech", METAL)} />
        </g>
      ) : null}
      {props.state.has("breech_back") ? <rect x={118} y={51} width={15} height={7} fill={HOLE} /> : null}
      {visible("wing_key") ? (
        <path d="M98 50 L92 40 L100 44 L106 38 L108 50 Z" fill={paint(props, "wing_key", METAL)} />
      ) : null}
      <g transform={props.state.has("lever_pushed") ? "rotate(-20 124 50)" : undefined}>
        <path d="M104 50 L112 44 H126 L124 50 Z" fill={paint(props, "top_lever", METAL)} />
      </g>
      <circle cx={134} cy={68} r={2.5} fill={INK} />
      <TriggerGroup x={104} y={71} />
    </g>
  );
}

/** Semi-automatic hunting gun (humpback receiver). Parts: stock, receiver. */
export function HuntingSemiAutoArt(props: ArtProps) {
  return (
    <g>
      <path d="M8 50 L60 54 L98 58 V70 L90 70 Q84 70 80 66 L12 84 L8 82 Z" fill={paint(props, "stock", WOOD)} />
      <path d="M142 48 H232 V54 H142 Z" fill={METAL} />
      <path d="M142 56 H210 V62 H142 Z" fill={METAL} />
      <path d="M144 55 H196 Q200 55 200 59 V65 Q200 69 196 69 H144 Z" fill={WOOD} />
      <path d="M98 58 L104 46 H144 V69 H98 Z" fill={paint(props, "receiver", METAL)} />
      <rect x={118} y={53} width={18} height={6} fill={HOLE} />
      <TriggerGroup x={104} y={69} />
    </g>
  );
}

/** Mid-20th-century military rifle in wood (Garand / SKS type). Parts: stock, handguard. */
export function MilitaryWoodArt(props: ArtProps) {
  return (
    <g>
      <path d="M8 50 L60 54 L96 57 H196 V64 L114 66 L104 72 Q94 74 90 66 L12 82 L8 80 Z" fill={paint(props, "stock", WOOD)} />
      <path d="M196 50 H232 V55 H196 Z" fill={METAL} />
      <rect x={226} y={44} width={4} height={6} fill={INK} />
      <path d="M96 46 H140 V57 H96 Z" fill={METAL} />
      <rect x={98} y={40} width={7} height={6} fill={METAL} />
      <path d="M140 47 H194 Q197 47 197 50 V55 H140 Z" fill={paint(props, "handguard", WOOD)} />
      <circle cx={182} cy={68} r={3} fill="none" />
      <circle cx={40} cy={72} r={3} fill="none" />
      <TriggerGroup x={104} y={66} />
    </g>
  );
}

/**
 * Other military style (AR-15 type). Parts: grip, magazine, mag_release, charging_handle, selector; optional
 * AK-type parts: ak_catch (lever behind the magazine), safety_lever (right side). States: magazine_out, bolt_back.
 */
export function MilitaryModernArt(props: ArtProps) {
  const magazineOut = props.state.has("magazine_out");
  return (
    <g>
      <g transform={magazineOut ? "translate(4 20)" : undefined}>
        <path d="M118 64 H134 L139 92 Q131 97 123 95 Z" fill={paint(props, "magazine", METAL)} />
      </g>
      <path d="M12 48 H48 L58 52 V62 L48 67 H16 Q12 67 12 63 Z" fill={POLYMER} />
      <path d="M58 51 H90 V58 H58 Z" fill={METAL} />
      <path d="M92 58 H140 V66 H92 Z" fill={METAL} />
      <path d="M98 64 H112 L104 92 H90 Z" fill={paint(props, "grip", POLYMER)} />
      <path d="M90 44 H152 V58 H90 Z" fill={METAL} />
      <path d="M92 40 H150 V44 H92 Z" fill={METAL} />
      <rect x={84} y={44} width={8} height={4} fill={paint(props, "charging_handle", METAL)} />
      {props.state.has("bolt_back") ? <rect x={112} y={47} width={18} height={7} fill={HOLE} /> : null}
      <circle cx={138} cy={61} r={2.8} fill={paint(props, "mag_release", METAL)} />
      <circle cx={100} cy={52} r={2.6} fill={paint(props, "selector", METAL)} />
      {props.show.has("ak_catch") ? <path d="M112 64 H118 V72 H114 Z" fill={paint(props, "ak_catch", METAL)} /> : null}
      {props.show.has("safety_lever") ? (
        <path d="M96 49 H128 L130 53 H98 Z" fill={paint(props, "safety_lever", METAL)} transform={props.state.has("safety_down") ? "rotate(8 96 51)" : undefined} />
      ) : null}
      <path d="M152 44 H198 V60 H152 Z" fill={POLYMER} />
      <path d="M160 50 H168 M174 50 H182 M188 50 H194" strokeWidth={2} stroke="#eee" />
      <path d="M198 49 H226 V54 H198 Z" fill={METAL} />
      <path d="M226 47 H233 V56 H226 Z" fill={INK} />
      <path d="M112 66 Q112 74 122 74 H118" fill="none" strokeWidth={2.5} />
      <path d="M112 66 Q116 70 113 73" fill="none" strokeWidth={2.5} />
    </g>
  );
}

/** Antique long gun (flintlock musket). Parts: lock, ramrod. */
export function AntiqueLongGunArt(props: ArtProps) {
  return (
    <g>
      <path d="M8 50 L60 54 L92 58 L212 56 V62 L106 66 L96 70 Q86 72 82 66 L12 82 L8 80 Z" fill={WOOD} />
      <path d="M92 51 H232 V57 H92 Z" fill={METAL} />
      <rect x={150} y={50} width={5} height={13} fill={METAL} />
      <rect x={188} y={50} width={5} height={12} fill={METAL} />
      <path d="M112 63 H210" strokeWidth={3} stroke={props.focus.has("ramrod") ? FOCUS_LINE : INK} />
      <g fill={paint(props, "lock", METAL)}>
        <path d="M86 57 H116 V63 H90 Z" />
        <path d="M93 57 L84 43 Q82 38 88 39 L92 42 L98 40 L101 44 L97 48 L100 57 Z" />
        <path d="M108 57 V46 Q108 43 111 44 L114 47 V57 Z" />
      </g>
      <TriggerGroup x={96} y={67} />
    </g>
  );
}
