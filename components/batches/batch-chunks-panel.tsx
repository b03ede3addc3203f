"use client";

import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/data-table";
import { SpinnerIcon } from "@/components/ui/icons";
import { useBatchChunks, type BatchChunkRow } from "@/lib/queries/batch-analytics";
import { formatDuration } from "./format";

const STATUS_TONES: Record<string, string> = {
  PENDING: "text-slate-300",
  RUNNING: "text-accent-300",
  PAUSED: "text-amber-200",
  COMPLETED: "text-emerald-200",
  CANCELLED: "text-slate-400",
  FAILED: "text-rose-200",
};

function durationSeconds(chunk: BatchChunkRow): number | null {
  if (typeof chunk.processing_time_seconds === "number") return chunk.processing_time_seconds;
  if (!chunk.started_at || !chunk.completed_at) return null;
  return (Date.parse(chunk.completed_at) - Date.parse(chunk.started_at)) / 1000;
}

/** A URL batch's chunks (seed 004): number, status, counts, timings and worker, polled with the status. */
export function BatchChunksPanel({
  batchId,
  intervalSeconds,
  currentChunk,
}: {
  batchId: string;
  intervalSeconds?: number;
  currentChunk?: number | null;
}) {
  const t = useTranslations("batchAnalytics.chunks");
  const format = useFormatter();
  const chunks = useBatchChunks(batchId, intervalSeconds);
  const data = chunks.data;
  const time = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "—";
  const status = (value: string) =>
    t.has(`statusValue.${value}` as "statusValue.PENDING") ? t(`statusValue.${value}` as "statusValue.PENDING") : value;

  return (
    <section
      className="glass min-h-[12rem] rounded-2xl p-5"
      aria-labelledby="batch-chunks-title"
      data-testid="batch-chunks"
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="batch-chunks-title" className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        {data && currentChunk ? (
          <p className="text-sm text-slate-300 tabular-nums">
            {t("summary", { current: currentChunk, total: data.total_chunks })}
          </p>
        ) : null}
      </div>
      {!data ? (
        chunks.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {t("error")}
          </p>
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("loading")}
          </p>
        )
      ) : (
        <div className="max-h-[28rem] overflow-auto">
          <DataTable<BatchChunkRow>
            ariaLabelledBy="batch-chunks-title"
            frame="plain"
            density="compact"
            rows={data.chunks}
            rowKey={(row) => row.chunk_id}
            empty={t("empty")}
            rowProps={(row) => ({ "data-chunk": String(row.chunk_number), "data-status": row.status })}
            columns={[
              { key: "number", header: t("number"), align: "right", cell: (row) => row.chunk_number },
              {
                key: "status",
                header: t("status"),
                cell: (row) => (
                  <span className={STATUS_TONES[row.status] ?? "text-slate-200"}>{status(row.status)}</span>
                ),
              },
              { key: "urls", header: t("urls"), align: "right", cell: (row) => format.number(row.url_count) },
              {
                key: "processed",
                header: t("processed"),
                align: "right",
                cell: (row) => format.number(row.processed_count),
              },
              {
                key: "successful",
                header: t("successful"),
                align: "right",
                cell: (row) => format.number(row.successful_count),
              },
              {
                key: "failed",
                header: t("failed"),
                align: "right",
                cell: (row) => (
                  <span className={row.failed_count > 0 ? "text-rose-200" : undefined}>
                    {format.number(row.failed_count)}
                  </span>
                ),
              },
              {
                key: "started",
                header: t("started"),
                className: "whitespace-nowrap",
                cell: (row) => time(row.started_at),
              },
              {
                key: "finished",
                header: t("finished"),
                className: "whitespace-nowrap",
                cell: (row) => time(row.completed_at),
              },
              {
                key: "duration",
                header: t("duration"),
                align: "right",
                className: "whitespace-nowrap",
                cell: (row) => {
                  const seconds = durationSeconds(row);
                  return seconds === null ? "—" : formatDuration(seconds);
                },
              },
              {
                key: "worker",
                header: t("worker"),
                className: "font-mono text-xs",
                cell: (row) => row.worker_id ?? "—",
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}
