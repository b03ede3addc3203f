"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { formatDuration, percent } from "@/components/batches/format";
import { ProgressBar } from "@/components/batches/progress-bar";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { isAiRunActive, photosLeft, useAiRunAction, type AiRunAction, type AiRunDetail } from "@/lib/queries/ai-runs";
import { queryKeys } from "@/lib/queries/keys";
import { formatUsd } from "./ai-format";

/** Refreshes the run's log whenever a poll shows its counters moved (the log is read page by page). */
export function useLiveRunLog(run: AiRunDetail | undefined) {
  const client = useQueryClient();
  const last = useRef("");
  const counters = run ? `${run.status}:${run.succeeded}:${run.failed}:${run.skipped}:${run.cancelled}` : "";
  const id = run?.id;
  useEffect(() => {
    if (!id || !counters) return;
    if (last.current && last.current !== counters)
      void client.invalidateQueries({ queryKey: queryKeys.aiRuns.itemsOf(id) });
    last.current = counters;
  }, [client, id, counters]);
}

/** "2 analisadas, 1 falhou" (skipped and cancelled only when there are some): the honest end of a run. */
export function useRunSummary() {
  const t = useTranslations("ai.progress");
  return (run: Pick<AiRunDetail, "succeeded" | "failed" | "skipped" | "cancelled">) =>
    [
      t("summarySucceeded", { count: run.succeeded }),
      run.failed > 0 ? t("summaryFailed", { count: run.failed }) : null,
      run.skipped > 0 ? t("summarySkipped", { count: run.skipped }) : null,
      run.cancelled > 0 ? t("summaryCancelled", { count: run.cancelled }) : null,
    ]
      .filter(Boolean)
      .join(", ");
}

/**
 * A run's live progress: the bar (analysed, then failed), the counts (done / failed / skipped /
 * remaining), %, photos per minute, ETA and cost while it runs; the pause reason when paused; the
 * summary once it ended.
 */
export function AiRunProgress({ run }: { run: AiRunDetail }) {
  const t = useTranslations("ai.progress");
  const format = useFormatter();
  const locale = useLocale();
  const summary = useRunSummary();
  const isActive = isAiRunActive(run.status);
  const remaining = photosLeft(run);
  const shownPercent = Math.round(
    Number.isFinite(run.percent)
      ? run.percent
      : percent(run.succeeded + run.failed + run.skipped + run.cancelled, run.total),
  );
  const counts = [
    ["done", run.succeeded, "text-emerald-200"],
    ["failed", run.failed, run.failed > 0 ? "text-rose-200" : "text-white"],
    ["skipped", run.skipped, "text-white"],
    ["remaining", remaining, "text-white"],
  ] as const;
  return (
    <div className="space-y-3" data-testid="ai-run-progress" data-status={run.status}>
      <div className="flex items-center gap-3">
        <ProgressBar
          value={percent(run.succeeded + run.skipped, run.total)}
          failed={percent(run.failed, run.total)}
          tone="emerald"
          label={t("label", { percent: shownPercent })}
          className="h-2.5"
        />
        <span className="w-12 shrink-0 text-right text-sm font-semibold tabular-nums text-white">{shownPercent}%</span>
      </div>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="ai-run-counts">
        {counts.map(([key, value, tone]) => (
          <div key={key} className="glass-subtle rounded-xl px-3 py-2">
            <dt className="text-xs text-slate-300">{t(key)}</dt>
            <dd data-count={key} className={cn("text-xl font-semibold tabular-nums", tone)}>
              {format.number(value)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm tabular-nums text-slate-300">
        {isActive && run.status === "RUNNING" && run.imagesPerMinute !== null ? (
          <span>{t("rate", { rate: Math.round(run.imagesPerMinute * 10) / 10 })}</span>
        ) : null}
        {isActive && run.etaSeconds !== null && run.etaSeconds > 0 ? (
          <span>{t("eta", { eta: formatDuration(run.etaSeconds) })}</span>
        ) : null}
        <span>{t("cost", { cost: formatUsd(run.costUsd, locale) })}</span>
      </p>
      {run.status === "PAUSED" ? (
        <p
          role="alert"
          data-testid="ai-run-paused"
          className="rounded-lg border border-amber-400/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-100"
        >
          {t("paused", { reason: run.pauseReason ?? t("pausedDefault") })}
        </p>
      ) : null}
      {!isActive ? (
        <p
          data-testid="ai-run-summary"
          className={cn("text-base font-semibold", run.failed > 0 ? "text-amber-100" : "text-emerald-200")}
        >
          {summary(run)}
        </p>
      ) : null}
    </div>
  );
}

/** Cancel (while active), "reprocessar falhas" (ended with failures), resume (paused): EDITOR and up. */
export function AiRunActions({ run }: { run: AiRunDetail }) {
  const t = useTranslations("ai.progress");
  const errorText = useErrorText();
  const action = useAiRunAction(run.id);
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const isActive = isAiRunActive(run.status);
  const act = (name: AiRunAction) => {
    if (name === "cancel" && !window.confirm(t("confirmCancel"))) return;
    setMessage(null);
    action.mutate(name, {
      onSuccess: () => setMessage(name === "retry-failed" ? { tone: "info", text: t("retried") } : null),
      onError: (error) => setMessage({ tone: "error", text: t("actionError", { error: errorText(error) }) }),
    });
  };
  const pending = action.isPending ? action.variables : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {run.status === "PAUSED" ? (
        <Button size="sm" onClick={() => act("resume")} disabled={action.isPending}>
          {pending === "resume" ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {t("resume")}
        </Button>
      ) : null}
      {!isActive && run.failed > 0 ? (
        <Button size="sm" onClick={() => act("retry-failed")} disabled={action.isPending}>
          {pending === "retry-failed" ? (
            <SpinnerIcon className="size-4 animate-spin" />
          ) : (
            <RefreshIcon className="size-4" />
          )}
          {t("retryFailed")}
        </Button>
      ) : null}
      {isActive ? (
        <Button size="sm" variant="secondary" onClick={() => act("cancel")} disabled={action.isPending}>
          {pending === "cancel" ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {t("cancel")}
        </Button>
      ) : null}
      <span role="status" className={cn("text-sm", message?.tone === "error" ? "text-rose-200" : "text-slate-300")}>
        {message?.text ?? ""}
      </span>
    </div>
  );
}
