"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDuration, percent } from "@/components/batches/format";
import { ProgressBar } from "@/components/batches/progress-bar";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SpinnerIcon } from "@/components/ui/icons";
import {
  isGenerationActive,
  useGenerationJobAction,
  type GenerationAction,
  type GenerationItemStatus,
  type GenerationJobDetail,
  type GenerationJobStatus,
  type GenerationJobSummary,
} from "@/lib/queries/generation";

// Tinted chips with light text: every pair keeps >= 4.5:1 on the glass panels.
const JOB_TONES: Record<GenerationJobStatus, string> = {
  QUEUED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  RUNNING: "border-accent-400/40 bg-accent-500/20 text-accent-300",
  PAUSED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  STOPPED: "border-slate-400/30 bg-slate-500/15 text-slate-300",
  COMPLETED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
};

export const GENERATION_ITEM_TONES: Record<GenerationItemStatus, string> = {
  PENDING: "border-slate-400/30 bg-slate-500/15 text-slate-300",
  RUNNING: "border-accent-400/40 bg-accent-500/20 text-accent-300",
  SUCCEEDED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  FAILED: "border-rose-400/30 bg-rose-500/15 text-rose-200",
};

const CHIP = "inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap";

export function GenerationStatusBadge({ status }: { status: GenerationJobStatus }) {
  const t = useTranslations("generation.status");
  return (
    <span data-testid="generation-status" data-status={status} className={cn(CHIP, JOB_TONES[status])}>
      {t(status)}
    </span>
  );
}

export function GenerationItemBadge({ status }: { status: GenerationItemStatus }) {
  const t = useTranslations("generation.itemStatus");
  return (
    <span data-testid="generation-item-status" data-status={status} className={cn(CHIP, GENERATION_ITEM_TONES[status])}>
      {t(status)}
    </span>
  );
}

type Rates = Pick<GenerationJobDetail, "imagesPerMinute" | "etaSeconds">;

/**
 * A job's progress: the bar (done, then failed), done / failed / remaining, images per minute and
 * ETA while it runs (when the detail is known), and the reason when the job paused (every key refused).
 */
export function GenerationJobProgress({ job, rates }: { job: GenerationJobSummary; rates: Rates | null }) {
  const t = useTranslations("generation.progress");
  const errorText = useErrorText();
  const format = useFormatter();
  const shown = Math.round(percent(job.done + job.failed, job.total));
  const counts = [
    ["done", job.done, "text-emerald-200"],
    ["failed", job.failed, job.failed > 0 ? "text-rose-200" : "text-white"],
    ["remaining", job.remaining, "text-white"],
  ] as const;
  return (
    <div className="space-y-3" data-testid="generation-progress" data-status={job.status}>
      <div className="flex items-center gap-3">
        <ProgressBar
          value={percent(job.done, job.total)}
          failed={percent(job.failed, job.total)}
          tone="emerald"
          label={t("label", { percent: shown })}
          className="h-2.5"
        />
        <span className="w-12 shrink-0 text-right text-sm font-semibold tabular-nums text-white">{shown}%</span>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <dl className="flex flex-wrap gap-2" data-testid="generation-counts">
          {counts.map(([key, value, tone]) => (
            <div key={key} className="glass-subtle min-w-24 rounded-xl px-3 py-1.5">
              <dt className="text-xs text-slate-300">{t(key)}</dt>
              <dd data-count={key} className={cn("text-lg font-semibold tabular-nums", tone)}>
                {format.number(value)}
              </dd>
            </div>
          ))}
        </dl>
        {job.status === "RUNNING" && rates ? (
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm tabular-nums text-slate-300">
            {rates.imagesPerMinute !== null ? (
              <span data-testid="generation-rate">
                {t("rate", { rate: format.number(rates.imagesPerMinute, { maximumFractionDigits: 1 }) })}
              </span>
            ) : (
              <span>{t("rateMeasuring")}</span>
            )}
            {rates.etaSeconds !== null && rates.etaSeconds > 0 ? (
              <span data-testid="generation-eta">{t("eta", { eta: formatDuration(rates.etaSeconds) })}</span>
            ) : null}
          </p>
        ) : null}
      </div>
      {job.status === "PAUSED" ? (
        <p
          role="alert"
          data-testid="generation-paused"
          className="rounded-lg border border-amber-400/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-100"
        >
          {t("paused", {
            reason: job.pauseCode ? errorText({ code: job.pauseCode }) : (job.pauseReason ?? t("pausedDefault")),
          })}
        </p>
      ) : null}
    </div>
  );
}

/** Stop (queued, running or paused) and resume (stopped or paused). */
export function GenerationJobActions({ job }: { job: GenerationJobSummary }) {
  const t = useTranslations("generation.progress");
  const errorText = useErrorText();
  const action = useGenerationJobAction(job.id);
  const [error, setError] = useState<string | null>(null);
  const canStop = isGenerationActive(job.status) || job.status === "PAUSED";
  const canResume = job.status === "STOPPED" || job.status === "PAUSED";
  const act = (name: GenerationAction) => {
    setError(null);
    action.mutate(name, { onError: (e) => setError(t("actionError", { error: errorText(e) })) });
  };
  const pending = action.isPending ? action.variables : null;
  if (!canStop && !canResume) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canResume ? (
        <Button size="sm" onClick={() => act("resume")} disabled={action.isPending}>
          {pending === "resume" ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {t("resume")}
        </Button>
      ) : null}
      {canStop ? (
        <Button size="sm" variant="secondary" onClick={() => act("stop")} disabled={action.isPending}>
          {pending === "stop" ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {t("stop")}
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-sm text-rose-200">
          {error}
        </span>
      ) : null}
    </div>
  );
}
