import { useTranslations } from "next-intl";

const HEIGHT = 160;
const BAR_GAP = 2;

/** Queue depth over time as an SVG bar chart (no chart library), with a table for screen readers. */
export function QueueDepthChart({ points, caption }: { points: Array<{ label: string; depth: number }>; caption: string }) {
  const t = useTranslations("measures");
  if (points.length === 0) return <p className="mt-2 text-sm text-muted">{t("noData")}</p>;
  const max = Math.max(1, ...points.map((point) => point.depth));
  const width = Math.max(points.length * 12, 300);
  const barWidth = width / points.length - BAR_GAP;
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure className="mt-2">
      <div className="flex gap-2">
        <div className="flex h-40 flex-col justify-between text-right text-xs tabular-nums text-muted" aria-hidden="true">
          <span>{max}</span>
          <span>{Math.round(max / 2)}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" className="h-40 w-full rounded border border-neutral-200 bg-neutral-50" role="img" aria-label={caption}>
          {points.map((point, index) => {
            const height = (point.depth / max) * (HEIGHT - 4);
            return (
              <rect key={index} x={index * (barWidth + BAR_GAP)} y={HEIGHT - height} width={barWidth} height={height} className="fill-france">
                <title>{`${point.label} : ${point.depth}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <div className="ml-8 mt-1 flex justify-between text-xs text-muted" aria-hidden="true">
        {points
          .filter((_, index) => index % labelEvery === 0)
          .map((point, index) => (
            <span key={index}>{point.label}</span>
          ))}
      </div>
      <figcaption className="sr-only">{caption}</figcaption>
      <table className="sr-only">
        <thead>
          <tr>
            <th scope="col">{t("when")}</th>
            <th scope="col">{t("depth")}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((point, index) => (
            <tr key={index}>
              <td>{point.label}</td>
              <td>{point.depth}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
