"use client";

import { useLocale, useTranslations } from "next-intl";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { QueueStatus, SystemStats } from "@/lib/queries/system";
import { formatDuration, queueLabelKey } from "./system-format";

type Row = QueueStatus["queues"][number] & { completed_last_hour: number };

/** One row per pg-boss queue: pending, active, retrying, failed, stuck and the oldest stuck job's age. */
export function SystemQueueTable({ status, stats }: { status: QueueStatus; stats: SystemStats | undefined }) {
  const t = useTranslations("system.queues");
  const tLabel = useTranslations("system.queues.labels");
  const locale = useLocale();
  const number = (n: number) => n.toLocaleString(locale);
  const completed = new Map(stats?.queues.map((q) => [q.name, q.completed_last_hour]) ?? []);
  const rows: Row[] = status.queues.map((q) => ({ ...q, completed_last_hour: completed.get(q.name) ?? 0 }));
  const count = (key: "pending" | "active" | "retrying" | "failed" | "completed_last_hour", header: string) =>
    ({
      key,
      header,
      align: "right",
      className: "tabular-nums",
      cell: (row: Row) => number(row[key]),
    }) satisfies DataTableColumn<Row>;
  const columns: DataTableColumn<Row>[] = [
    {
      key: "name",
      header: t("name"),
      cell: (row) => {
        const key = queueLabelKey(row.name);
        return (
          <span className="flex flex-col">
            <span className="text-slate-100">{key ? tLabel(key) : row.name}</span>
            <span className="font-mono text-xs text-slate-400">{row.name}</span>
          </span>
        );
      },
    },
    count("pending", t("pending")),
    count("active", t("active")),
    count("retrying", t("retrying")),
    count("failed", t("failed")),
    {
      key: "stuck",
      header: t("stuck"),
      align: "right",
      className: "tabular-nums",
      cell: (row) => (
        <span className={row.stuck > 0 ? "font-semibold text-amber-200" : undefined}>
          {number(row.stuck)}
          {row.is_stalled ? <span className="ml-1 text-xs font-normal text-amber-200">({t("stalled")})</span> : null}
        </span>
      ),
    },
    {
      key: "oldestStuck",
      header: t("oldestStuck"),
      align: "right",
      className: "whitespace-nowrap",
      cell: (row) =>
        row.oldest_stuck_age_seconds === null ? "—" : formatDuration(row.oldest_stuck_age_seconds, locale),
    },
    count("completed_last_hour", t("completedLastHour")),
  ];
  return (
    <section aria-labelledby="system-queues-title">
      <h2 id="system-queues-title" className="mb-3 text-lg font-semibold text-white">
        {t("title")}
      </h2>
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(row) => row.name}
        ariaLabelledBy="system-queues-title"
        rowProps={(row) => ({ "data-testid": "queue-row", "data-queue": row.name })}
      />
    </section>
  );
}
