"use client";

import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { UploadQueue } from "@/lib/browser/uploads/upload-queue";
import { formatBytes, percent } from "./format";
import { ProgressBar } from "./progress-bar";

/** Totals of the whole upload queue with global pause/resume/cancel; hidden when nothing is queued. */
export function UploadQueueBar({ queue }: { queue: UploadQueue<File> }) {
  const t = useTranslations("batches.queue");
  const locale = useLocale();
  const totals = queue.totals();
  if (totals.pending + totals.uploading === 0) return null;

  const cancelAll = () => {
    if (window.confirm(t("confirmCancelUploads"))) queue.cancel();
  };

  return (
    <section
      aria-labelledby="upload-queue-title"
      className="glass space-y-3 rounded-2xl p-4"
      data-testid="upload-queue-bar"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="upload-queue-title" className="text-sm font-semibold text-white">
            {queue.isPaused ? t("uploadsPaused") : t("uploadsTitle")}
          </h2>
          <p className="text-sm tabular-nums text-slate-300" role="status">
            {t("uploadsSummary", {
              done: totals.done,
              total: totals.total - totals.rejected,
              active: totals.uploading,
            })}{" "}
            · {formatBytes(totals.loadedBytes, locale)} / {formatBytes(totals.totalBytes, locale)}
          </p>
        </div>
        <div className="flex gap-2">
          {queue.isPaused ? (
            <Button size="sm" variant="secondary" onClick={() => queue.resume()}>
              {t("resumeUploads")}
            </Button>
          ) : (
            <Button size="sm" variant="secondary" onClick={() => queue.pause()}>
              {t("pauseUploads")}
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={cancelAll}>
            {t("cancelUploads")}
          </Button>
        </div>
      </div>
      <ProgressBar value={percent(totals.loadedBytes, totals.totalBytes)} tone="sky" label={t("uploadsTitle")} />
    </section>
  );
}
