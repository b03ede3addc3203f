"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button, buttonClasses } from "@/components/ui/button";
import { DownloadIcon, SpinnerIcon } from "@/components/ui/icons";
import { startExportJob, useExportJob, type ExportJobTarget, type ExportMenuFormat } from "@/lib/queries/exports";

/**
 * "Gerar em segundo plano" in an export menu, for an export too large to wait for: starts an export
 * job (POST /api/v1/export/jobs), shows its progress (rows so far of the total, polled at the
 * server's interval) and, once written, the file's download link.
 */
export function ExportJobPanel({
  target,
  format,
  metadata,
  jobId,
  onJobId,
}: {
  target: ExportJobTarget;
  format: ExportMenuFormat;
  metadata: boolean;
  /** The job started here, kept by the menu so it outlives the panel being closed. */
  jobId: string | null;
  onJobId: (id: string) => void;
}) {
  const t = useTranslations("exports.job");
  const numbers = useFormatter();
  const errorText = useErrorText();
  const [isStarting, setIsStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const polled = useExportJob(jobId);
  const job = polled.data?.job;

  const start = async () => {
    setIsStarting(true);
    setStartError(null);
    try {
      onJobId((await startExportJob(target, { format, metadata })).id);
    } catch (error) {
      setStartError(error);
    } finally {
      setIsStarting(false);
    }
  };

  const isActive = jobId !== null && (!job || job.status === "QUEUED" || job.status === "RUNNING");
  return (
    <div className="space-y-2 rounded-lg border border-amber-300/30 bg-amber-400/10 p-3" data-testid="export-job">
      <p className="text-xs text-amber-100">{t("hint")}</p>
      {jobId === null || job?.status === "FAILED" || job?.status === "EXPIRED" ? (
        <Button size="sm" variant="secondary" className="w-full justify-center" onClick={start} disabled={isStarting}>
          {isStarting ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {jobId === null ? t("start") : t("restart")}
        </Button>
      ) : null}
      {isActive ? (
        <div role="status" className="space-y-1">
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={job?.progress ?? undefined}
            className="h-2 overflow-hidden rounded-full bg-white/10"
          >
            <div
              className="h-full rounded-full bg-accent-400 transition-[width]"
              style={{ width: `${job?.progress ?? 0}%` }}
            />
          </div>
          <p className="text-xs tabular-nums text-slate-200">
            {job?.status === "RUNNING" && job.total_rows !== null
              ? t("running", {
                  rows: numbers.number(job.rows),
                  total: numbers.number(job.total_rows),
                  percent: job.progress ?? 0,
                })
              : t("queued")}
          </p>
        </div>
      ) : null}
      {job?.status === "DONE" && job.download_url ? (
        <a href={job.download_url} download className={buttonClasses("primary", "sm", "w-full justify-center")}>
          <DownloadIcon className="size-4" />
          {t("download", { rows: numbers.number(job.rows) })}
        </a>
      ) : null}
      {job?.status === "FAILED" ? (
        <p role="alert" className="text-xs text-rose-300">
          {errorText({ code: job.error_code ?? "EXPORT_JOB_FAILED" })}
        </p>
      ) : null}
      {job?.status === "EXPIRED" ? (
        <p className="text-xs text-slate-300">{errorText({ code: "EXPORT_JOB_EXPIRED" })}</p>
      ) : null}
      {startError ? (
        <p role="alert" className="text-xs text-rose-300">
          {errorText(startError)}
        </p>
      ) : null}
    </div>
  );
}
