"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, type ReactNode } from "react";
import { formatBytes } from "@/components/batches/format";
import { buttonClasses } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { estimatedBytes } from "@/lib/export/estimated-size";
import {
  EXPORT_MENU_FORMATS,
  type ExportJobTarget,
  type ExportMenuFormat,
  type ExportTarget,
  exportUrl,
  useExportEstimate,
} from "@/lib/queries/exports";
import { ExportJobPanel } from "./export-job-panel";

/**
 * "Exportar" for the catalog's current filter or selection, or any export endpoint (reports, batches,
 * coverage: `selection={{ endpoint, params }}`): a disclosure with the format (CSV for
 * Excel, XLSX, JSON, NDJSON), whether to include the carteira/AI columns, how many rows the file
 * will have, and a plain download link (the file streams to disk, GET /api/v1/export/filtered).
 */
export function ExportMenu({
  selection,
  rows,
  isEstimate = false,
  testId = "export-menu",
  formats = EXPORT_MENU_FORMATS,
  showMetadata = true,
  sizeBytes,
  onOpen,
  background,
  children,
}: {
  selection: ExportTarget;
  rows: number | null;
  isEstimate?: boolean;
  testId?: string;
  /** The formats this export offers (a report may not have NDJSON). */
  formats?: readonly ExportMenuFormat[];
  /** Whether the "carteira and AI columns" choice applies (it does to photo exports only). */
  showMetadata?: boolean;
  /**
   * The estimated file size per format (a batch's export summary), shown beside the row count;
   * without it the menu asks the export's estimate route (`<path>/estimate`) when it opens.
   */
  sizeBytes?: Partial<Record<ExportMenuFormat, number>> | null;
  /** Called when the panel opens (an estimate is asked for only then). */
  onOpen?: () => void;
  /**
   * The same export as a job (POST /api/v1/export/jobs): offered as "gerar em segundo plano" when
   * `rows` reaches `thresholdRows` (EXPORT_JOB_MIN_ROWS), with its progress and download link.
   */
  background?: { target: ExportJobTarget; thresholdRows: number };
  /** More choices of this export (a batch's "only successes / only failures"), shown under the format. */
  children?: ReactNode;
}) {
  const t = useTranslations("exports");
  const locale = useLocale();
  const panelId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [format, setFormat] = useState<ExportMenuFormat>("csv");
  const [metadata, setMetadata] = useState(true);
  const [jobId, setJobId] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Sizes: the caller's (a batch's summary), or this export's estimate route once the panel is open.
  const estimate = useExportEstimate(selection, {
    metadata,
    enabled: isOpen && sizeBytes === undefined && rows !== null,
  });
  const sizeOf = (option: ExportMenuFormat): number | undefined => {
    if (sizeBytes !== undefined) return sizeBytes?.[option];
    return estimate.data && rows !== null ? estimatedBytes(estimate.data, option, rows) : undefined;
  };
  const size = sizeOf(format);

  return (
    <div
      className="relative"
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === "Escape" && isOpen) {
          setIsOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => {
          if (!isOpen) onOpen?.();
          setIsOpen(!isOpen);
        }}
        className={buttonClasses("secondary", "sm")}
      >
        <DownloadIcon className="size-4" />
        {t("button")}
      </button>
      {isOpen ? (
        <div
          id={panelId}
          role="group"
          aria-label={t("panelLabel")}
          className="absolute right-0 z-40 mt-2 w-72 space-y-3 rounded-xl border border-white/15 bg-slate-900 p-4 shadow-2xl shadow-black/50"
        >
          <fieldset className="space-y-1.5">
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-300">{t("format")}</legend>
            {formats.map((option) => (
              <label key={option} className="flex items-center gap-2 text-sm text-slate-100">
                <input
                  type="radio"
                  name={`${panelId}-format`}
                  value={option}
                  checked={format === option}
                  onChange={() => setFormat(option)}
                  className="size-4 accent-accent-500"
                />
                {t(`formats.${option}`)}
              </label>
            ))}
          </fieldset>
          {showMetadata ? (
            <label className="flex items-start gap-2 text-sm text-slate-100">
              <input
                type="checkbox"
                checked={metadata}
                onChange={(event) => setMetadata(event.target.checked)}
                className="mt-0.5 size-4 accent-accent-500"
              />
              {t("metadata")}
            </label>
          ) : null}
          {children}
          {rows !== null ? (
            <p className="text-xs text-slate-300" data-testid="export-rows">
              {t("rows", { count: rows, approx: String(isEstimate) })}
              {size !== undefined ? (
                <span data-testid="export-size">
                  {" · "}
                  {t("size", { size: formatBytes(size, locale) })}
                </span>
              ) : null}
            </p>
          ) : null}
          {background && (jobId !== null || (rows !== null && rows >= background.thresholdRows)) ? (
            <ExportJobPanel
              target={background.target}
              format={format}
              metadata={metadata}
              jobId={jobId}
              onJobId={setJobId}
            />
          ) : null}
          <a
            href={exportUrl(selection, { format, metadata })}
            download
            onClick={() => setIsOpen(false)}
            className={buttonClasses("primary", "sm", "w-full justify-center")}
          >
            {t("download")}
          </a>
        </div>
      ) : null}
    </div>
  );
}
