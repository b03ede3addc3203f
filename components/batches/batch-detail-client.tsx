"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { BatchExportMenu } from "@/components/export/batch-export-menu";
import { PageHeader } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/queries/api-client";
import { useBatchStatus } from "@/lib/queries/batch-analytics";
import { useBatch, useBatchAction, useBatchImages, useBatchProgress, type BatchAction } from "@/lib/queries/batches";
import { queryKeys } from "@/lib/queries/keys";
import { ACTIVE_BATCH_STATUSES, TERMINAL_BATCH_STATUSES } from "@/lib/queries/batch-statuses";
import type { BatchDetail, ProcessingStatus } from "@/lib/queries/types";
import { BatchChunksPanel } from "./batch-chunks-panel";
import { BatchErrorsPanel } from "./batch-errors-panel";
import { BatchHealthPanel } from "./batch-health-panel";
import { formatDuration, percent } from "./format";
import { ImageGrid } from "./image-grid";
import { ProgressBar } from "./progress-bar";
import { RefusedFiles } from "./refused-files";
import { BatchLifecycleActions } from "./batch-lifecycle-actions";
import { BatchStatusBadge } from "./status-badge";

const FILTERS = ["ALL", "READY", "FAILED", "QUEUED", "PROCESSING", "UPLOADED"] as const;
type Filter = (typeof FILTERS)[number];
/** Refreshing loaded image pages costs one request per page: only do it while few are loaded. */
const MAX_PAGES_TO_REFRESH = 3;

/**
 * Batch detail: counts (URLs for a URL batch), controls (only with `canEdit`), refused and duplicate
 * files, the analytics panels (health, error analysis, chunks of a URL batch) and the image grid.
 */
export function BatchDetailClient({
  batchId,
  canEdit,
  maxBytes,
  exportJobMinRows,
}: {
  batchId: string;
  canEdit: boolean;
  maxBytes: number;
  /** From this many rows the export menu offers a background export job (EXPORT_JOB_MIN_ROWS). */
  exportJobMinRows?: number;
}) {
  const t = useTranslations("batches.detail");
  const tA = useTranslations("batchAnalytics.status");
  const errorText = useErrorText();
  const format = useFormatter();
  const client = useQueryClient();
  const [filter, setFilter] = useState<Filter>("ALL");
  const batch = useBatch(batchId);
  const progress = useBatchProgress(batchId, { enabled: batch.isSuccess });
  // Polled at its X-Polling-Interval; the analytics panels follow the same interval.
  const statusDetail = useBatchStatus(batchId, { enabled: batch.isSuccess });
  const action = useBatchAction(batchId);
  const images = useBatchImages(batchId, filter === "ALL" ? null : (filter as ProcessingStatus));
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionResult, setActionResult] = useState<string | null>(null);

  const data = batch.data;
  const live = progress.data;
  const status = live?.status ?? data?.status ?? "DRAFT";

  // A URL batch's counts move with its URLs, which the image progress does not see: each status
  // poll (at its X-Polling-Interval) refreshes the header too, so the last one shows the final counts.
  const statusUpdatedAt = statusDetail.dataUpdatedAt;
  const isUrlList = data?.source === "URL_LIST";
  useEffect(() => {
    if (isUrlList && statusUpdatedAt) void client.invalidateQueries({ queryKey: queryKeys.batches.detail(batchId) });
  }, [isUrlList, statusUpdatedAt, client, batchId]);

  // Each poll that moves the counters refreshes the batch header and the first pages of images.
  const lastCounters = useRef("");
  useEffect(() => {
    if (!live) return;
    const counters = `${live.status}:${live.processed}:${live.failed}:${live.processing}`;
    if (lastCounters.current && lastCounters.current !== counters) {
      if (data && live.status !== data.status)
        void client.invalidateQueries({ queryKey: queryKeys.batches.detail(batchId) });
      const pages =
        client.getQueryData<{ pages: unknown[] }>(queryKeys.images.byBatch(batchId, filter === "ALL" ? null : filter))
          ?.pages.length ?? 0;
      if (pages <= MAX_PAGES_TO_REFRESH) void client.invalidateQueries({ queryKey: ["images", "batch", batchId] });
    }
    lastCounters.current = counters;
  }, [live, data, client, batchId, filter]);

  const run = (name: BatchAction) => {
    if (name === "cancel" && !window.confirm(t("confirmCancel"))) return;
    setActionError(null);
    setActionResult(null);
    action.mutate(name, {
      onSuccess: (batch) => {
        if (name === "reprocess") setActionResult(t("reprocessed", { count: batch.requeued ?? 0 }));
      },
      onError: (error) => setActionError(t("actionError", { message: errorText(error) })),
    });
  };

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = images;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (batch.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
        <SpinnerIcon className="size-4 animate-spin" />
        {t("loading")}
      </p>
    );
  }
  if (!data) {
    const isMissing = batch.error instanceof ApiError && (batch.error.status === 404 || batch.error.status === 400);
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-white">{isMissing ? t("notFound") : t("loadError")}</h1>
        <Link href="/lotes" className="text-sm text-accent-300 underline underline-offset-4">
          {t("back")}
        </Link>
      </div>
    );
  }

  const total = live?.total ?? data.counts.total;
  const processed = live?.processed ?? data.counts.processed;
  const failed = live?.failed ?? data.counts.failed;
  const counts = [
    ["total", total],
    ["processed", processed],
    ["failed", failed],
    ["queued", live?.queued ?? data.counts.queued],
    ["processing", live?.processing ?? data.counts.processing],
    ["duplicates", data.counts.duplicates],
  ] as const;
  const isUrlBatch = data.source === "URL_LIST";
  const pollSeconds = statusDetail.data?.polling_interval_seconds;
  // A URL batch's progress is its URLs' (fetched, failed, left), live from the status endpoint.
  const urlCounts = statusDetail.data?.progress.url_counts ?? data.urlCounts;
  const urlPerformance = isUrlBatch ? statusDetail.data : undefined;
  const isBusy = action.isPending;
  // A URL batch has no uploaded file before it starts: its URLs waiting to be fetched count instead.
  const hasWaitingItems = data.counts.uploaded > 0 || (data.urlCounts?.pending ?? 0) > 0;
  const isReprocessing = action.isPending && action.variables === "reprocess";
  const allImages = images.data?.pages.flatMap((p) => p.items) ?? [];
  // A deleted batch is read-only until it is restored (the banner above offers that): no controls.
  const canControl = canEdit && !data.deletedAt;

  return (
    <>
      <Link
        href="/lotes"
        className="mb-3 inline-block rounded text-sm text-accent-300 underline-offset-4 hover:underline"
      >
        ← {t("back")}
      </Link>
      <PageHeader
        title={data.name}
        description={[data.brand?.name, data.collection?.name].filter(Boolean).join(" · ") || undefined}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <BatchStatusBadge status={status} className="px-3 py-1 text-sm" />
            <BatchExportMenu batchId={batchId} jobMinRows={exportJobMinRows} />
          </div>
        }
      />
      <BatchLifecycleActions batch={{ ...data, status }} canEdit={canEdit} />

      <section className="glass mb-6 space-y-4 rounded-2xl p-5">
        {isUrlBatch && urlCounts ? (
          <>
            <ProgressBar
              value={percent(urlCounts.stored + urlCounts.duplicate, urlCounts.total)}
              failed={percent(urlCounts.failed, urlCounts.total)}
              label={`${data.name} — ${Math.round(
                percent(
                  urlCounts.stored + urlCounts.duplicate + urlCounts.failed + urlCounts.cancelled,
                  urlCounts.total,
                ),
              )}%`}
            />
            <UrlCounts counts={urlCounts} />
          </>
        ) : null}
        {isUrlBatch ? null : (
          <ProgressBar
            value={percent(processed, total)}
            failed={percent(failed, total)}
            label={`${data.name} — ${Math.round(live?.percentage ?? percent(processed + failed, total))}%`}
          />
        )}
        {isUrlBatch ? null : (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="batch-counts">
            {counts.map(([key, value]) => (
              <div key={key} className="glass-subtle rounded-xl px-3 py-2">
                <dt className="text-xs text-slate-300">{t(`counts.${key}`)}</dt>
                <dd
                  className={cn(
                    "text-xl font-semibold tabular-nums",
                    key === "failed" && value > 0 ? "text-rose-200" : "text-white",
                  )}
                  data-count={key}
                >
                  {format.number(value)}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {data.duplicateFiles && data.duplicateFiles.length > 0 ? (
          <details className="glass-subtle rounded-xl px-3 py-2 text-sm" data-testid="duplicate-files">
            <summary className="cursor-pointer text-slate-200">
              {t("duplicateFiles.title", { count: data.counts.duplicates })}
            </summary>
            <ul className="mt-2 max-h-48 space-y-1 overflow-auto text-xs text-slate-300">
              {data.duplicateFiles.map((file, index) => (
                <li key={`${file.imageId}-${index}`} className="truncate" title={file.relativePath ?? file.name}>
                  <span className="font-medium text-slate-100">{file.name}</span> —{" "}
                  {t("duplicateFiles.of", { name: file.duplicateOf })}
                </li>
              ))}
            </ul>
            {data.counts.duplicates > data.duplicateFiles.length ? (
              <p className="mt-1 text-xs text-slate-400">
                {t("duplicateFiles.more", { count: data.counts.duplicates - data.duplicateFiles.length })}
              </p>
            ) : null}
          </details>
        ) : null}
        {urlPerformance && ACTIVE_BATCH_STATUSES.has(urlPerformance.batch_info.status) ? (
          <p className="text-sm tabular-nums text-slate-300" data-testid="url-rate">
            {tA("rate", { rate: Math.round(urlPerformance.performance.processing_rate_per_minute) })}
            {urlPerformance.timing.eta_seconds !== null
              ? ` · ${tA("eta", { eta: formatDuration(urlPerformance.timing.eta_seconds) })}`
              : null}
          </p>
        ) : null}
        {!isUrlBatch && live && ACTIVE_BATCH_STATUSES.has(live.status) ? (
          <p className="text-sm tabular-nums text-slate-300">
            {t("rate", { rate: Math.round(live.ratePerMinute) })}
            {live.etaSeconds !== null ? ` · ${t("eta", { eta: formatDuration(live.etaSeconds) })}` : null}
          </p>
        ) : null}
        {data.refusedFiles && data.refusedFiles.length > 0 ? (
          <RefusedFiles files={data.refusedFiles} total={data.counts.refused} maxBytes={maxBytes} />
        ) : null}
        {canControl ? (
          <div className="flex flex-wrap gap-2">
            {status === "DRAFT" || status === "UPLOADING" ? (
              <Button size="sm" onClick={() => run("start")} disabled={isBusy || !hasWaitingItems}>
                {t("start")}
              </Button>
            ) : null}
            {ACTIVE_BATCH_STATUSES.has(status) ? (
              <Button size="sm" variant="secondary" onClick={() => run("pause")} disabled={isBusy}>
                {t("pause")}
              </Button>
            ) : null}
            {status === "PAUSED" ? (
              <Button size="sm" variant="secondary" onClick={() => run("resume")} disabled={isBusy}>
                {t("resume")}
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="secondary"
              onClick={() => run("reprocess")}
              disabled={isBusy || failed + (data.urlCounts?.failed ?? 0) === 0}
              aria-describedby={actionResult ? "batch-action-result" : undefined}
            >
              {isReprocessing ? <SpinnerIcon className="size-4 animate-spin" /> : <RefreshIcon className="size-4" />}
              {isReprocessing ? t("reprocessing") : t("reprocess")}
            </Button>
            {!TERMINAL_BATCH_STATUSES.has(status) ? (
              <Button size="sm" variant="ghost" onClick={() => run("cancel")} disabled={isBusy}>
                {t("cancel")}
              </Button>
            ) : null}
          </div>
        ) : null}
        {actionResult ? (
          <p id="batch-action-result" role="status" className="text-sm text-emerald-300">
            {actionResult}
          </p>
        ) : null}
        {actionError ? (
          <p role="alert" className="text-sm text-rose-300">
            {actionError}
          </p>
        ) : null}
      </section>

      <div className="mb-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <BatchHealthPanel batchId={batchId} intervalSeconds={pollSeconds} />
        <BatchErrorsPanel
          batchId={batchId}
          intervalSeconds={pollSeconds}
          canEdit={canControl}
          isUrlBatch={isUrlBatch}
        />
      </div>
      {isUrlBatch ? (
        <div className="mb-6">
          <BatchChunksPanel
            batchId={batchId}
            intervalSeconds={pollSeconds}
            currentChunk={statusDetail.data?.progress.current_chunk}
          />
        </div>
      ) : null}

      <fieldset className="mb-4 flex flex-wrap items-center gap-2">
        <legend className="sr-only">{t("filterLabel")}</legend>
        {FILTERS.map((value) => (
          <label
            key={value}
            className={cn(
              "cursor-pointer rounded-full border px-3 py-1.5 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-300",
              filter === value
                ? "border-accent-400 bg-accent-600 text-white"
                : "border-white/15 bg-white/5 text-slate-200 hover:bg-white/10",
            )}
          >
            <input
              type="radio"
              name="image-filter"
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
              className="sr-only"
            />
            {t(`filters.${value}`)}
          </label>
        ))}
        <span className="ml-auto text-xs text-slate-400" aria-live="polite">
          {images.data ? t("shown", { count: allImages.length }) : null}
        </span>
      </fieldset>

      {images.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("loading")}
        </p>
      ) : images.isError ? (
        <p role="alert" className="text-sm text-rose-300">
          {t("imagesError")}
        </p>
      ) : allImages.length === 0 ? (
        <p className="glass rounded-2xl p-6 text-center text-sm text-slate-300">{t("empty")}</p>
      ) : (
        <ImageGrid
          images={allImages}
          batchId={batchId}
          hasMore={!!hasNextPage}
          isLoadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          label={t("imagesLabel")}
        />
      )}
    </>
  );
}

const URL_COUNT_KEYS = ["total", "stored", "duplicate", "failed", "pending", "cancelled"] as const;

/** A URL batch's URLs by state (fetching ones count as pending). */
function UrlCounts({ counts }: { counts: NonNullable<BatchDetail["urlCounts"]> }) {
  const t = useTranslations("batchAnalytics.status");
  const format = useFormatter();
  const value = (key: (typeof URL_COUNT_KEYS)[number]) =>
    key === "pending" ? counts.pending + counts.fetching : counts[key];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="url-counts">
      {URL_COUNT_KEYS.map((key) => (
        <div key={key} className="glass-subtle rounded-xl px-3 py-2">
          <dt className="text-xs text-slate-300">{key === "total" ? t("urlCounts") : t(key)}</dt>
          <dd
            className={cn(
              "text-xl font-semibold tabular-nums",
              key === "failed" && value(key) > 0 ? "text-rose-200" : "text-white",
            )}
            data-url-count={key}
          >
            {format.number(value(key))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
