"use client";

import { useLocale, useTranslations } from "next-intl";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { QueueStatus } from "@/lib/queries/system";
import { formatDuration, queueLabelKey } from "./system-format";

type Job = QueueStatus["stuck_jobs"][number];

/** The oldest stuck jobs with why and how long. */
export function SystemStuckJobs({ status }: { status: QueueStatus }) {
  const t = useTranslations("system.stuckJobs");
  const tq = useTranslations("system.queues.labels");
  const locale = useLocale();
  const columns: DataTableColumn<Job>[] = [
    {
      key: "queue",
      header: t("queue"),
      cell: (job) => {
        const key = queueLabelKey(job.queue);
        return key ? tq(key) : job.queue;
      },
    },
    { key: "reason", header: t("reason"), cell: (job) => t(`reasons.${job.reason}`) },
    {
      key: "age",
      header: t("age"),
      align: "right",
      className: "whitespace-nowrap",
      cell: (job) => formatDuration(job.age_seconds, locale),
    },
    {
      key: "attempts",
      header: t("attempts"),
      align: "right",
      className: "tabular-nums",
      cell: (job) => job.retry_count + 1,
    },
    { key: "id", header: t("id"), className: "font-mono text-xs text-slate-400", cell: (job) => job.id },
  ];
  return (
    <section aria-labelledby="system-stuck-jobs-title">
      <h2 id="system-stuck-jobs-title" className="mb-1 text-lg font-semibold text-white">
        {t("title")}
      </h2>
      <p className="mb-3 text-sm text-slate-300">
        {t("threshold", { age: formatDuration(status.stuck_after_seconds, locale) })}
      </p>
      <DataTable
        columns={columns}
        rows={status.stuck_jobs}
        ariaLabelledBy="system-stuck-jobs-title"
        empty={t("none")}
        rowProps={(job) => ({ "data-testid": "stuck-job", "data-reason": job.reason })}
      />
    </section>
  );
}
