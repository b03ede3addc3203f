import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

/**
 * The metrics charts: plain SVG drawn by visx primitives in Server Components (no chart code
 * reaches the browser). Each chart names itself (role="img" + aria-label) and every bar carries a
 * <title>; the figures are always written next to the bars or in a legend, so no reading depends
 * on colour. The SVGs scale with their card (viewBox, width 100%).
 */

export type Segment = { key: string; label: string; count: number; color: string };

const WIDTH = 640;
const TEXT = "#e2e8f0"; // slate-200 on the dark glass cards
const MUTED = "#94a3b8"; // slate-400
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

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * One horizontal bar per row (a collection, a brand, a failure reason), longest first as given:
 * the label on the left, the count at the bar's end; a row with segments is split by them.
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
  const labelWidth = 200;
  const countWidth = 64;
  const rowHeight = 30;
  const height = rows.length * rowHeight;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const y = scaleBand<string>({ domain: rows.map((r) => r.key), range: [0, height], paddingInner: 0.3 });
  const x = scaleLinear<number>({ domain: [0, max], range: [0, WIDTH - labelWidth - countWidth] });
  return (
    <svg
      role="img"
      aria-label={ariaLabel}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="block w-full"
      data-testid={testId}
    >
      {rows.map((row) => {
        const top = y(row.key) ?? 0;
        const band = y.bandwidth();
        return (
          <Group key={row.key} top={top}>
            <title>{barTitle(row)}</title>
            <text x={labelWidth - 10} y={band / 2} dy="0.35em" textAnchor="end" fill={TEXT} fontSize={13}>
              {truncate(row.label, 28)}
            </text>
            <Group left={labelWidth}>
              <rect width={WIDTH - labelWidth - countWidth} height={band} fill={TRACK} rx={3} />
              {row.segments ? (
                stacked(row.segments).map(({ segment, start }) => (
                  <Bar
                    key={segment.key}
                    x={x(start)}
                    width={Math.max(x(segment.count), 1)}
                    height={band}
                    fill={segment.color}
                    stroke={GAP}
                    strokeWidth={1.5}
                  />
                ))
              ) : (
                <Bar width={Math.max(x(row.count), row.count > 0 ? 2 : 0)} height={band} fill={color} rx={3} />
              )}
              <text x={x(row.count) + 8} y={band / 2} dy="0.35em" fill={TEXT} fontSize={13} className="tabular-nums">
                {formatCount(row.count)}
              </text>
            </Group>
          </Group>
        );
      })}
    </svg>
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
  const height = 200;
  const margin = { top: 12, right: 8, bottom: 28, left: 48 };
  const innerWidth = WIDTH - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const max = Math.max(1, ...days.map((d) => d.count));
  const x = scaleBand<string>({ domain: days.map((d) => d.day), range: [0, innerWidth], paddingInner: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const top = y.domain()[1] ?? max;
  const every = Math.max(1, Math.ceil(days.length / 8));
  return (
    <svg
      role="img"
      aria-label={ariaLabel}
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="block w-full"
      data-testid={testId}
    >
      <Group left={margin.left} top={margin.top}>
        {[0, top / 2, top].map((tick) => (
          <g key={tick}>
            <line x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke="rgba(255,255,255,0.1)" />
            <text x={-8} y={y(tick)} dy="0.35em" textAnchor="end" fill={MUTED} fontSize={11}>
              {formatCount(tick)}
            </text>
          </g>
        ))}
        {days.map((d, index) => {
          const left = x(d.day) ?? 0;
          const barHeight = innerHeight - y(d.count);
          return (
            <g key={d.day}>
              <Bar x={left} y={y(d.count)} width={x.bandwidth()} height={barHeight} fill={color} rx={2}>
                <title>{dayTitle(d)}</title>
              </Bar>
              {(days.length - 1 - index) % every === 0 ? (
                <text x={left + x.bandwidth() / 2} y={innerHeight + 16} textAnchor="middle" fill={MUTED} fontSize={11}>
                  {dayLabel(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </Group>
    </svg>
  );
}
