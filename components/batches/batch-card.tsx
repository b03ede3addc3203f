"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { fromEvent } from "file-selector";
import { useDropzone, type DropEvent } from "react-dropzone";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FolderIcon, ImageIcon, UploadIcon } from "@/components/ui/icons";
import {
  IMAGE_ACCEPT,
  prepareFilesInSlices,
  type PreparedFiles,
  type PreparedUpload,
} from "@/lib/browser/uploads/client-files";
import {
  runDryRunInChunks,
  uploadsToSend,
  type DryRunSummary,
  type SendChoice,
} from "@/lib/browser/uploads/dry-run-plan";
import { dryRunRequestFor } from "@/lib/queries/batch-dry-run";
import { checkExistingUploads, useBatchProgress } from "@/lib/queries/batches";
import { queryKeys } from "@/lib/queries/keys";
import type { Batch } from "@/lib/queries/types";
import { formatBytes, formatDuration, percent } from "./format";
import { ProgressBar } from "./progress-bar";
import { DryRunPanel } from "./dry-run-panel";
import { BatchStatusBadge } from "./status-badge";
import { UploadFileList } from "./upload-file-list";
import { useContentCheck } from "./use-content-check";
import { addToQueueInSlices, getUploadQueue, useQueueVersion } from "./use-upload-queue";

// A folder <input> is a plain file input with this non-standard attribute (all current browsers).
const FOLDER_INPUT_PROPS = { webkitdirectory: "", directory: "" } as Record<string, string>;

/**
 * What the card says under the drop zone. "added" is live: while its files upload it counts the
 * files queued; once they settle it says how many the server took and how many it refused.
 */
type Notice =
  | { kind: "info" | "error"; text: string }
  | { kind: "added"; queued: number; skipped: number; rejected: number }
  | null;

/** A drop on its way to the queue: listed, checked against the server, then a dry run the user answers. */
type Plan = {
  prepared: PreparedFiles<File>;
  existing: Set<string>;
  /** Accepted files the batch does not have yet, in drop order (the names of the dry run). */
  toSend: PreparedUpload<File>[];
  /** Null when the dry run failed (the user may still send everything). */
  summary: DryRunSummary | null;
};

type Stage =
  | { kind: "idle" }
  /** A dragged folder's entries being read (file-selector walks it asynchronously; 20,000 files take seconds). */
  | { kind: "reading" }
  | { kind: "listing"; done: number; total: number }
  | { kind: "checking" }
  | { kind: "simulating"; done: number; total: number }
  | { kind: "review"; plan: Plan };

/** Progress texts re-render at most this often while a drop is listed. */
const PROGRESS_INTERVAL_MS = 100;

/** One batch on the queue page: dropzone, upload progress and, once started, processing progress. */
export function BatchCard({
  batch,
  maxBytes,
  canUpload,
  isSelected,
  onSelectedChange,
}: {
  batch: Batch;
  maxBytes: number;
  canUpload: boolean;
  /** The Lotes page's selection for "Exportar N lotes": a checkbox when given. */
  isSelected?: boolean;
  onSelectedChange?: (isSelected: boolean) => void;
}) {
  const t = useTranslations("batches.card");
  const tExport = useTranslations("exports.batches");
  const tDry = useTranslations("batchDryRun");
  const errorText = useErrorText();
  const locale = useLocale();
  const id = useId();
  const client = useQueryClient();
  const queue = getUploadQueue();
  const version = useQueueVersion(queue);
  const stats = queue.stats(batch.id);
  const folderInputRef = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const isChecking = stage.kind !== "idle";
  const [notice, setNotice] = useState<Notice>(null);
  const [listChoice, setListChoice] = useState<boolean | null>(null);
  const [problemsChoice, setProblemsChoice] = useState<boolean | null>(null);
  const contentCheck = useContentCheck(batch.id);

  const isProcessingVisible = !["DRAFT", "UPLOADING"].includes(batch.status);
  const isUploading = stats.pending + stats.uploading > 0;
  // Polled while this tab uploads too, so the badge shows the server's status (UPLOADING), not the list's DRAFT.
  const progress = useBatchProgress(batch.id, { enabled: isProcessingVisible || isUploading });
  const serverStatus = progress.data?.status ?? batch.status;
  // This tab sending files is an upload even before the server recorded the first one (then DRAFT);
  // files waiting behind a pause are not.
  const isSending = stats.uploading > 0 || (stats.pending > 0 && !stats.isPaused);
  const status = isSending && serverStatus === "DRAFT" ? "UPLOADING" : serverStatus;
  const isAccepting = canUpload && batch.status !== "CANCELLED";
  // Once a batch has files, the dropzone shrinks to one row so many batches fit on screen.
  const isCompact = stats.total > 0 || batch.counts.total > 0 || batch.counts.refused > 0;

  // The list and detail caches learn about a status change seen by the progress poll.
  useEffect(() => {
    if (progress.data && progress.data.status !== batch.status)
      void client.invalidateQueries({ queryKey: queryKeys.batches.all() });
  }, [progress.data, batch.status, client]);

  // When this batch's uploads settle, refresh the server counts (uploaded, duplicates, status).
  const wasUploading = useRef(false);
  useEffect(() => {
    if (wasUploading.current && !isUploading) void client.invalidateQueries({ queryKey: queryKeys.batches.list() });
    wasUploading.current = isUploading;
  }, [isUploading, client]);
  // Until the user chooses, refused files are listed on their own, with their reason, once the uploads settle.
  const hasRefusals = stats.rejected > 0 && !isUploading;
  const isListOpen = listChoice ?? hasRefusals;
  const isProblemsOnly = problemsChoice ?? hasRefusals;

  // A drop: list the files in slices (the first read of each file's size is slow), ask the server
  // which it already has, then run the dry run and wait for the user's choice before sending a byte.
  const addFiles = async (files: File[]) => {
    if (files.length === 0) {
      setStage({ kind: "idle" });
      return;
    }
    setNotice(null);
    let lastPaint = 0;
    setStage({ kind: "listing", done: 0, total: files.length });
    try {
      const prepared = await prepareFilesInSlices(batch.id, files, maxBytes, {
        onProgress: (done, total) => {
          const now = performance.now();
          if (now - lastPaint < PROGRESS_INTERVAL_MS && done < total) return;
          lastPaint = now;
          setStage({ kind: "listing", done, total });
        },
      });
      setStage({ kind: "checking" });
      const existing = await checkExistingUploads(
        batch.id,
        prepared.accepted.map((u) => u.uploadId),
      );
      const toSend = prepared.accepted.filter((u) => !existing.has(u.uploadId));
      if (toSend.length === 0) {
        await commit({ prepared, existing, toSend, summary: null }, "all");
        return;
      }
      setStage({ kind: "simulating", done: 0, total: toSend.length });
      let summary: DryRunSummary | null = null;
      try {
        summary = await runDryRunInChunks(
          toSend.map((u) => ({ name: u.relativePath, size: u.size })),
          dryRunRequestFor(batch.id),
          { onProgress: (done) => setStage({ kind: "simulating", done, total: toSend.length }) },
        );
      } catch (error) {
        setNotice({ kind: "error", text: tDry("error", { message: errorText(error) }) });
      }
      const plan = { prepared, existing, toSend, summary };
      setStage({ kind: "review", plan });
      // Then, while the user reads the summary: the same files compared with the bank by content.
      if (summary) contentCheck.start(plan, summary, toSend);
    } catch (error) {
      setNotice({ kind: "error", text: t("checkError", { message: errorText(error) }) });
      setStage({ kind: "idle" });
    }
  };

  const commit = async (plan: Plan, choice: SendChoice) => {
    const { prepared, existing } = plan;
    const summary = plan.summary ? contentCheck.summaryFor(plan, plan.summary) : null;
    contentCheck.stop();
    const chosen = summary ? uploadsToSend(plan.toSend, summary, choice) : plan.toSend;
    const alreadyThere = prepared.accepted.filter((u) => existing.has(u.uploadId));
    queue.addRejected(batch.id, prepared.rejected);
    const added = await addToQueueInSlices(queue, batch.id, [...alreadyThere, ...chosen], existing);
    setNotice({ kind: "added", queued: added, skipped: alreadyThere.length, rejected: prepared.rejected.length });
    if (prepared.rejected.length > 0) {
      setListChoice(true);
      setProblemsChoice(true);
    }
    setStage({ kind: "idle" });
  };

  const cancelPlan = () => {
    contentCheck.stop();
    setNotice({ kind: "info", text: tDry("cancelled") });
    setStage({ kind: "idle" });
  };

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    // react-dropzone checks every file's size in one task after a drop (the slow first read, 3 s for
    // 20,000 files): it gets no files, and the drop goes to our listing in slices instead.
    getFilesFromEvent: async (event: DropEvent | Array<FileSystemFileHandle>) => {
      const isFinal = Array.isArray(event) || event.type === "drop" || event.type === "change";
      if (isFinal) setStage({ kind: "reading" });
      let found: Awaited<ReturnType<typeof fromEvent>>;
      try {
        found = await fromEvent(event);
      } catch (error) {
        if (isFinal) {
          setNotice({ kind: "error", text: tDry("listError", { message: errorText(error) }) });
          setStage({ kind: "idle" });
        }
        return [];
      }
      if (!isFinal) return found;
      void addFiles(found.filter((f) => f instanceof File) as File[]);
      return [];
    },
    noClick: true,
    noKeyboard: true,
    disabled: !isAccepting || isChecking,
    // Validation is ours (pt-BR reasons per file); react-dropzone only collects files and folders.
    multiple: true,
  });

  const uploadDone = stats.done;
  const progressData = progress.data;
  const processedTotal = progressData?.total ?? batch.counts.total;

  return (
    <article
      aria-labelledby={`${id}-name`}
      data-testid="batch-card"
      data-batch-id={batch.id}
      className="glass rounded-2xl p-5"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            {onSelectedChange ? (
              <input
                type="checkbox"
                checked={isSelected ?? false}
                onChange={(event) => onSelectedChange(event.target.checked)}
                aria-label={tExport("select", { name: batch.name })}
                data-testid="batch-select"
                className="size-4 accent-accent-500"
              />
            ) : null}
            <h2 id={`${id}-name`} className="truncate text-base font-semibold text-white">
              {batch.name}
            </h2>
            <BatchStatusBadge status={status} />
          </div>
          <p className="mt-1 text-sm text-slate-300">
            {batch.brand || batch.collection
              ? [batch.brand?.name, batch.collection?.name].filter(Boolean).join(" · ")
              : t("noBrandCollection")}
          </p>
        </div>
        <Link href={`/lotes/${batch.id}`} className={buttonClasses("secondary", "sm")}>
          <ImageIcon className="size-4" />
          {t("details")}
          <span className="sr-only">— {batch.name}</span>
        </Link>
      </header>

      {isAccepting ? (
        <div
          {...getRootProps({
            className: cn(
              "mt-4 flex rounded-xl border-2 border-dashed transition-colors",
              isCompact
                ? "flex-wrap items-center gap-3 px-4 py-3"
                : "flex-col items-center gap-3 px-4 py-6 text-center",
              isDragActive ? "border-accent-400 bg-accent-500/10" : "border-white/15 bg-white/[0.02]",
            ),
          })}
        >
          <input
            {...getInputProps({ "aria-label": `${t("selectFiles")} — ${batch.name}`, accept: IMAGE_ACCEPT })}
            data-testid="files-input"
          />
          <input
            ref={folderInputRef}
            type="file"
            multiple
            hidden
            {...FOLDER_INPUT_PROPS}
            aria-label={`${t("selectFolder")} — ${batch.name}`}
            data-testid="folder-input"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = "";
              void addFiles(files);
            }}
          />
          <UploadIcon className={cn("shrink-0 text-accent-300", isCompact ? "size-5" : "size-7")} />
          <div className={cn(isCompact && "min-w-0 flex-1")}>
            <p className="text-sm font-medium text-slate-100">{isDragActive ? t("dropActive") : t("dropHint")}</p>
            <p className="mt-1 text-xs text-slate-400">{t("dropRules", { limit: formatBytes(maxBytes, locale) })}</p>
          </div>
          <div className="flex flex-wrap justify-center gap-2">
            <Button variant="secondary" size="sm" disabled={isChecking} onClick={() => folderInputRef.current?.click()}>
              <FolderIcon className="size-4" />
              {t("selectFolder")}
            </Button>
            <Button variant="secondary" size="sm" disabled={isChecking} onClick={open}>
              <ImageIcon className="size-4" />
              {t("selectFiles")}
            </Button>
          </div>
        </div>
      ) : null}

      {stage.kind === "reading" ||
      stage.kind === "listing" ||
      stage.kind === "checking" ||
      stage.kind === "simulating" ? (
        <p role="status" data-testid="drop-progress" className="mt-3 text-sm text-slate-300">
          {stage.kind === "reading"
            ? tDry("reading")
            : stage.kind === "listing"
              ? tDry("listing", { done: stage.done, total: stage.total })
              : stage.kind === "checking"
                ? tDry("checking")
                : tDry("simulating", { done: stage.done, total: stage.total })}
        </p>
      ) : null}

      {stage.kind === "review" ? (
        stage.plan.summary ? (
          <DryRunPanel
            summary={contentCheck.summaryFor(stage.plan, stage.plan.summary)}
            contentCheck={contentCheck.stateFor(stage.plan)}
            alreadySent={stage.plan.prepared.accepted.length - stage.plan.toSend.length}
            refused={stage.plan.prepared.rejected.length}
            batchName={batch.name}
            onChoose={(choice) => void commit(stage.plan, choice)}
            onCancel={cancelPlan}
          />
        ) : (
          <div className="mt-3 flex flex-wrap gap-2" data-testid="dry-run-panel">
            <Button size="sm" onClick={() => void commit(stage.plan, "all")}>
              {tDry("sendAll")}
            </Button>
            <Button size="sm" variant="ghost" onClick={cancelPlan}>
              {tDry("cancel")}
            </Button>
          </div>
        )
      ) : null}

      {notice ? (
        <p
          role={notice.kind === "error" ? "alert" : "status"}
          data-testid="upload-notice"
          className={cn("mt-3 text-sm", notice.kind === "error" ? "text-rose-300" : "text-slate-300")}
        >
          {notice.kind !== "added"
            ? notice.text
            : isUploading || notice.queued === 0
              ? t("queued", { queued: notice.queued, skipped: notice.skipped, rejected: notice.rejected })
              : t("settled", { done: stats.done, rejected: stats.rejected, failed: stats.failed + stats.cancelled })}
        </p>
      ) : null}

      {stats.total > 0 ? (
        <section aria-label={t("upload")} className="mt-4 space-y-2" data-testid="upload-progress">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-medium text-slate-200">{t("upload")}</span>
            <span className="tabular-nums text-slate-300">
              {t("uploadCounts", { done: uploadDone, total: stats.total - stats.rejected })} ·{" "}
              {t("uploadBytes", {
                loaded: formatBytes(stats.loadedBytes, locale),
                total: formatBytes(stats.totalBytes, locale),
              })}
            </span>
          </div>
          <ProgressBar
            value={percent(stats.loadedBytes, stats.totalBytes)}
            tone="sky"
            label={t("progressLabel", { what: t("upload"), name: batch.name })}
          />
          <div className="flex flex-wrap items-center gap-2">
            {isUploading ? (
              stats.isPaused ? (
                <Button size="sm" variant="secondary" onClick={() => queue.resume(batch.id)} disabled={queue.isPaused}>
                  {t("resume")}
                </Button>
              ) : (
                <Button size="sm" variant="secondary" onClick={() => queue.pause(batch.id)}>
                  {t("pause")}
                </Button>
              )
            ) : null}
            {isUploading ? (
              <Button size="sm" variant="ghost" onClick={() => queue.cancel(batch.id)}>
                {t("cancel")}
              </Button>
            ) : null}
            {stats.failed + stats.cancelled > 0 ? (
              <Button size="sm" variant="secondary" onClick={() => queue.retryFailed(batch.id)}>
                {t("retryFailed")}
              </Button>
            ) : null}
            <Button
              size="sm"
              variant="ghost"
              aria-expanded={isListOpen}
              aria-controls={`${id}-files`}
              onClick={() => setListChoice(!isListOpen)}
            >
              {isListOpen ? t("hideFiles") : t("showFiles", { count: stats.total })}
            </Button>
            {isListOpen ? (
              <label className="ml-auto flex items-center gap-2 text-sm text-slate-300">
                <input
                  type="checkbox"
                  className="size-4 accent-accent-500"
                  checked={isProblemsOnly}
                  onChange={(e) => setProblemsChoice(e.target.checked)}
                />
                {t("problemsOnly")}
              </label>
            ) : null}
          </div>
          {isListOpen ? (
            <div id={`${id}-files`}>
              <UploadFileList
                items={queue.items(batch.id)}
                version={version}
                label={t("filesLabel", { name: batch.name })}
                maxBytes={maxBytes}
                isProblemsOnly={isProblemsOnly}
              />
            </div>
          ) : null}
        </section>
      ) : batch.counts.total > 0 || batch.counts.refused > 0 ? (
        <p className="mt-3 text-sm text-slate-300" data-testid="server-counts">
          {t("serverCounts", { uploaded: batch.counts.total, duplicates: batch.counts.duplicates })}
          {batch.counts.refused > 0 ? (
            <>
              {" · "}
              <Link href={`/lotes/${batch.id}#refused-files`} className="text-rose-200 underline underline-offset-4">
                {t("serverRefused", { refused: batch.counts.refused })}
              </Link>
            </>
          ) : null}
        </p>
      ) : null}

      {isProcessingVisible ? (
        <section aria-label={t("processing")} className="mt-4 space-y-2" data-testid="processing-progress">
          <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
            <span className="font-medium text-slate-200">{t("processing")}</span>
            <span className="tabular-nums text-slate-300" data-testid="processing-counts">
              {t("processingCounts", {
                processed: progressData?.processed ?? batch.counts.processed,
                total: processedTotal,
                failed: progressData?.failed ?? batch.counts.failed,
              })}
              {progressData ? ` · ${Math.round(progressData.percentage)}%` : null}
            </span>
          </div>
          <ProgressBar
            value={percent(progressData?.processed ?? batch.counts.processed, processedTotal)}
            failed={percent(progressData?.failed ?? batch.counts.failed, processedTotal)}
            label={t("progressLabel", { what: t("processing"), name: batch.name })}
          />
          {progressData && (status === "PROCESSING" || status === "QUEUED") ? (
            <p className="text-xs tabular-nums text-slate-400">
              {t("rate", { rate: Math.round(progressData.ratePerMinute) })}
              {progressData.etaSeconds !== null
                ? ` · ${t("eta", { eta: formatDuration(progressData.etaSeconds) })}`
                : null}
            </p>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
