"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { useReconcileRun, type ReconcileFilters } from "@/lib/queries/reconciliation";
import type { ReconciliationRun } from "@/lib/queries/types";

/** "Reconciliar": starts the job for the current filters, shows progress, then the summary of changes. */
export function ReconcilePanel({
  filters,
  canEdit,
  onDone,
}: {
  filters: ReconcileFilters;
  canEdit: boolean;
  onDone: (run: ReconciliationRun) => void;
}) {
  const t = useTranslations("reconciliation");
  const { run, error, start, isRunning } = useReconcileRun(onDone);
  const errorText = useErrorText();
  return (
    <div className="glass flex flex-wrap items-center gap-4 rounded-2xl p-4">
      <Button onClick={() => start(filters)} disabled={!canEdit || isRunning}>
        {isRunning ? <SpinnerIcon className="size-4 animate-spin" /> : <RefreshIcon className="size-4" />}
        {t("reconcile")}
      </Button>
      <div className="min-w-0 flex-1 space-y-2" aria-live="polite">
        {run && !run.isDone ? (
          <>
            <p className="text-sm text-slate-200">{t("reconciling", { percent: run.percent })}</p>
            <div
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={run.percent}
              aria-label={t("reconcile")}
              className="h-2 overflow-hidden rounded-full bg-white/10"
            >
              <div className="h-full bg-accent-500 transition-[width]" style={{ width: `${run.percent}%` }} />
            </div>
          </>
        ) : run?.status === "COMPLETED" ? (
          <p role="status" className="text-sm text-emerald-300">
            {t("summary", {
              processed: run.processed,
              matched: run.summary.matched,
              ambiguous: run.summary.ambiguous,
              unmatched: run.summary.unmatched,
            })}
          </p>
        ) : run?.status === "FAILED" || error ? (
          <p role="alert" className="text-sm text-rose-300">
            {t("failed", { error: run?.error ?? (error ? errorText(error) : "") })}
          </p>
        ) : (
          <p className="text-sm text-slate-300">{t("reconcileHint")}</p>
        )}
      </div>
    </div>
  );
}
