"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { EXPORT_MENU_FORMATS, type ExportMenuFormat, multipleBatchExportUrl } from "@/lib/queries/exports";
import { ExportJobPanel } from "./export-job-panel";

/**
 * The Lotes page's selection bar (sticky to the bottom of the content column): how many batches
 * are selected, the format, whether to include the carteira/AI columns, and "Exportar N lotes" — a
 * plain link to GET /api/v1/export/batches/multiple, so the ZIP streams to disk as the server
 * writes it (one file per batch); or the same ZIP as an export job ("Em segundo plano…"), with its
 * progress and the file's link once written.
 */
export function BatchesExportBar({ batchIds, onClear }: { batchIds: string[]; onClear: () => void }) {
  const t = useTranslations("exports");
  const id = useId();
  const [format, setFormat] = useState<ExportMenuFormat>("csv");
  const [metadata, setMetadata] = useState(true);
  const [isBackgroundOpen, setIsBackgroundOpen] = useState(false);
  // The job started here outlives the panel being closed (as in the export menu), for the
  // selection, format and columns it was started with; another choice starts a job of its own.
  const [job, setJob] = useState<{ key: string; id: string } | null>(null);
  const jobKey = `${batchIds.join(",")}|${format}|${metadata}`;
  if (batchIds.length === 0) return null;
  return (
    <div
      role="region"
      aria-label={t("batches.barLabel")}
      data-testid="batches-export-bar"
      className="glass sticky bottom-4 z-30 flex flex-wrap items-center justify-between gap-x-6 gap-y-3 rounded-2xl border border-white/15 p-3 shadow-2xl shadow-black/40"
    >
      <div className="flex items-center gap-3">
        <p className="text-sm font-medium text-white" aria-live="polite">
          {t("batches.selected", { count: batchIds.length })}
        </p>
        <Button size="sm" variant="ghost" onClick={onClear}>
          {t("batches.clear")}
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={`${id}-format`} className="text-sm text-slate-300">
          {t("format")}
        </label>
        <select
          id={`${id}-format`}
          value={format}
          onChange={(event) => setFormat(event.target.value as ExportMenuFormat)}
          className="max-w-44 rounded-lg border border-white/15 bg-slate-900 px-2 py-1.5 text-sm text-slate-100"
        >
          {EXPORT_MENU_FORMATS.map((option) => (
            <option key={option} value={option}>
              {t(`formats.${option}`)}
            </option>
          ))}
        </select>
        <label className="flex items-center gap-2 text-sm text-slate-100">
          <input
            type="checkbox"
            checked={metadata}
            onChange={(event) => setMetadata(event.target.checked)}
            className="size-4 accent-accent-500"
          />
          {t("batches.metadata")}
        </label>
        <a
          href={multipleBatchExportUrl(batchIds, { format, metadata })}
          download
          data-testid="batches-export-link"
          className={buttonClasses("primary", "sm")}
        >
          <DownloadIcon className="size-4" />
          {t("batches.export", { count: batchIds.length })}
        </a>
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={isBackgroundOpen}
          aria-controls={`${id}-background`}
          onClick={() => setIsBackgroundOpen(!isBackgroundOpen)}
        >
          {t("batches.background")}
        </Button>
      </div>
      {isBackgroundOpen ? (
        <div id={`${id}-background`} className="w-full sm:ml-auto sm:max-w-md">
          <ExportJobPanel
            target={{ kind: "batches", batch_ids: batchIds }}
            format={format}
            metadata={metadata}
            jobId={job?.key === jobKey ? job.id : null}
            onJobId={(id) => setJob({ key: jobKey, id })}
          />
        </div>
      ) : null}
    </div>
  );
}
