"use client";

import { useId, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { QueueThroughput } from "@/lib/queries/system";
import { niceMax, queueLabelKey } from "./system-format";

const W = 720;
const H = 200;
const PAD = { left: 40, right: 8, top: 10, bottom: 26 };

/**
 * The last hour's throughput as a plain SVG bar chart (completed, with failures stacked on top),
 * one bar per minute, for all queues or one. The SVG is an image with a summary as its name; the
 * same figures are a table (visually hidden until "Ver como tabela"), so screen readers get them.
 */
export function SystemThroughputChart({ data }: { data: QueueThroughput }) {
  const t = useTranslations("system.throughput");
  const tq = useTranslations("system.queues.labels");
  const locale = useLocale();
  const titleId = useId();
  const [queue, setQueue] = useState<string>("");
  const [isTableShown, setTableShown] = useState(false);
  const points = queue ? (data.queues.find((q) => q.name === queue)?.points ?? data.total) : data.total;
  const completed = points.reduce((sum, p) => sum + p.completed, 0);
  const failed = points.reduce((sum, p) => sum + p.failed, 0);
  const peak = Math.max(0, ...points.map((p) => p.completed + p.failed));
  const top = niceMax(peak);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(points.length, 1);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit" });
  const number = (n: number) => n.toLocaleString(locale);
  const label = (name: string) => {
    const key = queueLabelKey(name);
    return key ? tq(key) : name;
  };
  const summary = t("summary", {
    completed: number(completed),
    failed: number(failed),
    minutes: data.minutes,
    peak: number(peak),
  });

  return (
    <figure className="glass rounded-2xl p-5" aria-labelledby={titleId} data-testid="system-throughput">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold text-white">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-300">{t("description")}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-300">
            {t("queue")}
            <select
              value={queue}
              onChange={(event) => setQueue(event.target.value)}
              className="h-9 rounded-lg border border-white/15 bg-slate-900 px-2 text-sm text-slate-100"
            >
              <option value="">{t("allQueues")}</option>
              {data.queues.map((q) => (
                <option key={q.name} value={q.name}>
                  {label(q.name)}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" size="sm" aria-expanded={isTableShown} onClick={() => setTableShown((v) => !v)}>
            {isTableShown ? t("hideTable") : t("showTable")}
          </Button>
        </div>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
        className="h-auto w-full"
        data-testid="system-throughput-svg"
      >
        {(Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-white/10" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="fill-slate-400 text-[11px]">
              {number(tick)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = PAD.left + i * slot + slot * 0.15;
          const width = slot * 0.7;
          return (
            <g key={p.minute} data-testid="throughput-bar">
              <title>{`${time(p.minute)} — ${t("completed")}: ${number(p.completed)}, ${t("failed")}: ${number(p.failed)}`}</title>
              {p.completed > 0 ? (
                <rect
                  x={x}
                  width={width}
                  y={y(p.completed)}
                  height={y(0) - y(p.completed)}
                  className="fill-accent-400"
                />
              ) : null}
              {p.failed > 0 ? (
                <rect
                  x={x}
                  width={width}
                  y={y(p.completed + p.failed)}
                  height={y(p.completed) - y(p.completed + p.failed)}
                  className="fill-rose-400"
                />
              ) : null}
            </g>
          );
        })}
        {points.map((p, i) =>
          i % 15 === 0 || i === points.length - 1 ? (
            <text
              key={`x-${p.minute}`}
              x={PAD.left + i * slot + slot / 2}
              y={H - 8}
              textAnchor={i === points.length - 1 ? "end" : "middle"}
              className="fill-slate-400 text-[11px]"
            >
              {time(p.minute)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="mt-2 flex flex-wrap items-center gap-4 text-sm text-slate-300">
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-accent-400" />
          {t("completed")}
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block size-3 rounded-sm bg-rose-400" />
          {t("failed")}
        </span>
        <span data-testid="throughput-summary">{completed + failed === 0 ? t("empty") : summary}</span>
      </figcaption>
      <div className={cn(isTableShown ? "mt-4 max-h-80 overflow-y-auto" : "sr-only")}>
        <table className="w-full text-sm" data-testid="throughput-table">
          <caption className="sr-only">{`${t("title")} — ${queue ? label(queue) : t("allQueues")}`}</caption>
          <thead>
            <tr className="text-left text-slate-300">
              <th scope="col" className="py-1 pr-4 font-medium">
                {t("minute")}
              </th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">
                {t("completed")}
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                {t("failed")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-white/5 text-slate-100">
            {points.map((p) => (
              <tr key={p.minute}>
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  {time(p.minute)}
                </th>
                <td className="py-1 pr-4 text-right tabular-nums">{number(p.completed)}</td>
                <td className="py-1 text-right tabular-nums">{number(p.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
