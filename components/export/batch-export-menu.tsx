"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useBatchExportSummary } from "@/lib/queries/exports";
import { ExportMenu } from "./export-menu";

const RESULT_FILTERS = ["all", "success_only", "failed_only"] as const;
type ResultFilter = (typeof RESULT_FILTERS)[number];

/**
 * "Exportar" on a batch's page: GET /api/v1/export/batch/{id} in the chosen format, all items or
 * only the successes / only the failures, with the rows and the file size the batch's export
 * summary estimates (asked for when the menu opens).
 */
export function BatchExportMenu({ batchId, jobMinRows }: { batchId: string; jobMinRows?: number }) {
  const t = useTranslations("exports.batch");
  const [isWanted, setIsWanted] = useState(false);
  const [filter, setFilter] = useState<ResultFilter>("all");
  const summary = useBatchExportSummary(batchId, { enabled: isWanted });
  const data = summary.data;
  const rows = data
    ? filter === "success_only"
      ? data.available_filters.success_only
      : filter === "failed_only"
        ? data.available_filters.failed_only
        : data.total_items
    : null;
  // The summary's sizes are for every item; a filter's file is the same per row.
  const sizeBytes =
    data && rows !== null
      ? Object.fromEntries(
          Object.entries(data.estimated_size_bytes).map(([format, bytes]) => [
            format,
            data.total_items > 0 ? Math.round((bytes * rows) / data.total_items) : 0,
          ]),
        )
      : null;
  const params: Record<string, string> = filter === "all" ? {} : { [filter]: "true" };

  return (
    <ExportMenu
      testId="batch-export-menu"
      selection={{ endpoint: `/api/v1/export/batch/${encodeURIComponent(batchId)}`, params }}
      rows={rows}
      sizeBytes={sizeBytes}
      onOpen={() => setIsWanted(true)}
      background={
        jobMinRows === undefined
          ? undefined
          : {
              thresholdRows: jobMinRows,
              target: {
                kind: "batch",
                batch_id: batchId,
                success_only: filter === "success_only",
                failed_only: filter === "failed_only",
              },
            }
      }
    >
      <fieldset className="space-y-1.5">
        <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-300">{t("items")}</legend>
        {RESULT_FILTERS.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm text-slate-100">
            <input
              type="radio"
              name={`batch-export-${batchId}-items`}
              value={option}
              checked={filter === option}
              onChange={() => setFilter(option)}
              className="size-4 accent-accent-500"
            />
            {t(`filters.${option}`)}
          </label>
        ))}
      </fieldset>
      {summary.isFetching && !data ? (
        <p role="status" className="text-xs text-slate-400">
          {t("estimating")}
        </p>
      ) : null}
      {summary.isError ? (
        <p role="alert" className="text-xs text-rose-300">
          {t("estimateError")}
        </p>
      ) : null}
    </ExportMenu>
  );
}
