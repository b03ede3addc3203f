import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

/**
 * The metrics charts: plain SVG drawn by visx primitives in Server Components (no chart code
 * reaches the browser). Each chart names itself (role="img" + aria-label) and every bar carries a
 * <title>; the figures are always written next to the bars or in a legend, so no reading depends
 * on colour. Shapes are SVG stretched to the card; text is HTML, so it keeps its size at any width.
 */

export type Segment = { key: string; label: string; count: number; color: string };

const WIDTH = 640;
const TRACK = "rgba(255,255,255,0.06)";
const GAP = "#0f172a"; // slate-900: a dark line between segments, so neighbours never merge into one colour

/** The segments with a count, each with where it starts (the sum of the ones before it). */
function stacked(segments: readonly Segment[]): { segment: Segment; start: number }[] {
  const starts = segments.map((_, k) => segments.slice(0, k).reduce((sum, s) => sum + s.count, 0));
  return segments.map((segment, k) => ({ segment, start: starts[k]! })).filter((s) => s.segment.count > 0);
}

/** One horizontal bar split into segments by share, with its legend (label, count, percent) as a list. */
export function StackedBar({
  segments,
  ariaLabel,
  legendText,
  testId,
}: {
  segments: readonly Segment[];
  ariaLabel: string;
  legendText: (segment: Segment, percent: number) => string;
  testId?: string;
}) {
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  const x = scaleLinear<number>({ domain: [0, Math.max(total, 1)], range: [0, WIDTH] });
  const percent = (count: number) => (total > 0 ? Math.round((count / total) * 100) : 0);
  return (
    <div data-testid={testId}>
      <svg
        role="img"
        aria-label={ariaLabel}
        viewBox={`0 0 ${WIDTH} 28`}
        preserveAspectRatio="none"
        className="block h-7 w-full overflow-hidden rounded-md"
      >
        <rect width={WIDTH} height={28} fill={TRACK} />
        {stacked(segments).map(({ segment, start }) => (
          <Bar
            key={segment.key}
            x={x(start)}
            y={0}
            width={Math.max(x(segment.count), 1)}
            height={28}
            fill={segment.color}
            stroke={GAP}
            strokeWidth={2}
          >
            <title>{legendText(segment, percent(segment.count))}</title>
          </Bar>
        ))}
      </svg>
      <ul className="mt-3 grid gap-x-4 gap-y-1.5 text-sm text-slate-200 sm:grid-cols-2">
        {segments.map((segment) => (
          <li key={segment.key} className="flex items-center gap-2" data-value={segment.key}>
            <span aria-hidden className="size-3 shrink-0 rounded-sm" style={{ backgroundColor: segment.color }} />
            <span className="tabular-nums">{legendText(segment, percent(segment.count))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export type BarRow = { key: string; label: string; count: number; segments?: readonly Segment[] };

/**
 * One horizontal bar per row (a collection, a brand, a failure reason), longest first as given:
 * the label on the left (cut with an ellipsis), the count after the bar; a row with segments is split by them.
 */
export function HorizontalBars({
  rows,
  ariaLabel,
  barTitle,
  formatCount,
  color = "#a78bfa",
  testId,
}: {
  rows: readonly BarRow[];
  ariaLabel: string;
  barTitle: (row: BarRow) => string;
  formatCount: (count: number) => string;
  color?: string;
  testId?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  // Bars are SVG stretched to their track; labels and counts are HTML, so text keeps its size at any card width.
  const x = scaleLinear<number>({ domain: [0, max], range: [0, 100] });
  return (
    <div role="img" aria-label={ariaLabel} className="space-y-1.5" data-testid={testId}>
      {rows.map((row) => (
        <div
          key={row.key}
          title={barTitle(row)}
          className="grid grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] items-center gap-3 text-[13px] text-slate-200"
        >
          <span className="truncate text-right">{row.label}</span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="block h-5 w-full overflow-hidden rounded-sm">
            <rect width={100} height={10} fill={TRACK} />
            {row.segments ? (
              stacked(row.segments).map(({ segment, start }) => (
                <Bar
                  key={segment.key}
                  x={x(start)}
                  width={Math.max(x(segment.count), 0.3)}
                  height={10}
                  fill={segment.color}
                  stroke={GAP}
                  strokeWidth={0.3}
                  vectorEffect="non-scaling-stroke"
                />
              ))
            ) : (
              <Bar width={Math.max(x(row.count), row.count > 0 ? 0.5 : 0)} height={10} fill={color} />
            )}
          </svg>
          <span className="min-w-10 tabular-nums">{formatCount(row.count)}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Photos per day as columns: the highest count marked on the left, a day label every few days
 * under the axis counted back from the last day (all of them for a short range), each column titled with its day and count.
 */
export function DailyColumns({
  days,
  ariaLabel,
  dayTitle,
  dayLabel,
  formatCount,
  color = "#38bdf8",
  testId,
}: {
  days: readonly { day: string; count: number }[];
  ariaLabel: string;
  dayTitle: (day: { day: string; count: number }) => string;
  dayLabel: (day: string) => string;
  formatCount: (count: number) => string;
  color?: string;
  testId?: string;
}) {
  const height = 180;
  const max = Math.max(1, ...days.map((d) => d.count));
  // Columns and grid lines are SVG stretched to the plot; the axis labels are HTML placed by percent,
  // so their text keeps its size at any card width.
  const x = scaleBand<string>({ domain: days.map((d) => d.day), range: [0, 100], paddingInner: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [height, 0], nice: true });
  const top = y.domain()[1] ?? max;
  const every = Math.max(1, Math.ceil(days.length / 8));
  const ticks = [top, top / 2, 0];
  return (
    <div role="img" aria-label={ariaLabel} className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2" data-testid={testId}>
      <div className="relative h-[180px] text-right text-[11px] text-slate-400 tabular-nums">
        {ticks.map((tick) => (
          <span
            key={tick}
            className="block -translate-y-1/2"
            style={{ position: "absolute", right: 0, top: `${(y(tick) / height) * 100}%` }}
          >
            {formatCount(tick)}
          </span>
        ))}
        <span className="invisible block">{formatCount(top)}</span>
      </div>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" className="block h-[180px] w-full">
        {ticks.map((tick) => (
          <line
            key={tick}
            x1={0}
            x2={100}
            y1={y(tick)}
            y2={y(tick)}
            stroke="rgba(255,255,255,0.1)"
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {days.map((d) => (
          <Bar
            key={d.day}
            x={x(d.day) ?? 0}
            y={y(d.count)}
            width={x.bandwidth()}
            height={height - y(d.count)}
            fill={color}
          >
            <title>{dayTitle(d)}</title>
          </Bar>
        ))}
      </svg>
      <div />
      <div className="relative h-5 text-[11px] text-slate-400">
        {days.map((d, index) =>
          (days.length - 1 - index) % every === 0 ? (
            <span
              key={d.day}
              className="absolute top-1 -translate-x-1/2 whitespace-nowrap"
              style={{ left: `${(x(d.day) ?? 0) + x.bandwidth() / 2}%` }}
            >
              {dayLabel(d.day)}
            </span>
          ) : null,
        )}
      </div>
    </div>
  );
}
