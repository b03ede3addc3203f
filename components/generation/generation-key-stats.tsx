"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { formatUsd } from "@/components/ai/ai-format";
import { cn } from "@/components/ui/cn";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import {
  useGenerationJobs,
  useGenerationKeyStats,
  isGenerationActive,
  type GenerationKeyStats,
} from "@/lib/queries/generation";

const STATUS_TONES: Record<GenerationKeyStats["status"], string> = {
  ACTIVE: "text-emerald-200",
  DISABLED: "text-slate-300",
  INVALID: "text-rose-200",
};

/**
 * The generation side of the key pool: each "image" key's status (a key the Images API refused is
 * out of the rotation, with its reason), successes, errors, last error, images and cost.
 */
export function GenerationKeyStatsPanel() {
  const t = useTranslations("generation.keys");
  const format = useFormatter();
  const locale = useLocale();
  const id = useId();
  const jobs = useGenerationJobs();
  const isLive = (jobs.data ?? []).some((job) => isGenerationActive(job.status));
  const stats = useGenerationKeyStats({ isLive });
  const columns: DataTableColumn<GenerationKeyStats>[] = [
    {
      key: "key",
      header: t("columns.key"),
      cell: (key) => (
        <div className="min-w-0">
          <div className="font-medium text-white">{key.label}</div>
          <div className="font-mono text-xs text-slate-400">{key.maskedKey}</div>
        </div>
      ),
    },
    {
      key: "status",
      header: t("columns.status"),
      cell: (key) => (
        <div className="max-w-64">
          <span data-testid="generation-key-status" className={cn("font-medium", STATUS_TONES[key.status])}>
            {t(`status.${key.status}`)}
          </span>
          {key.status !== "ACTIVE" && key.invalidReason ? (
            <div data-testid="generation-key-reason" className="text-xs text-slate-300">
              {key.invalidReason}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      key: "successes",
      header: t("columns.successes"),
      align: "right",
      className: "tabular-nums",
      cell: (key) => <span data-testid="generation-key-successes">{format.number(key.successes)}</span>,
    },
    {
      key: "errors",
      header: t("columns.errors"),
      align: "right",
      className: "tabular-nums",
      cell: (key) => (
        <span data-testid="generation-key-errors" className={key.errors > 0 ? "text-rose-200" : undefined}>
          {format.number(key.errors)}
        </span>
      ),
    },
    {
      key: "lastError",
      header: t("columns.lastError"),
      cell: (key) => (
        <span className="line-clamp-2 max-w-72 text-xs text-slate-300" title={key.lastError ?? undefined}>
          {key.lastError ?? t("none")}
        </span>
      ),
    },
    {
      key: "images",
      header: t("columns.images"),
      align: "right",
      className: "tabular-nums whitespace-nowrap",
      cell: (key) => (
        <span>
          {format.number(key.images)} · {formatUsd(key.costUsd, locale)}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid="generation-key-stats">
      <div>
        <h2 id={`${id}-title`} className="text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
      </div>
      <DataTable
        columns={columns}
        rows={stats.data ?? []}
        ariaLabelledBy={`${id}-title`}
        density="compact"
        empty={stats.isPending ? t("loading") : t("empty")}
        rowProps={(key) => ({ "data-testid": "generation-key-row", "data-key-id": key.id })}
      />
    </section>
  );
}
