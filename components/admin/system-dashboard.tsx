"use client";

import { useState, type ReactNode } from "react";
import { useLocale, useTranslations } from "next-intl";
import { BatchStatusBadge } from "@/components/batches/status-badge";
import { BATCH_STATUSES } from "@/lib/batches/schemas";
import { useQueueStatus, useQueueThroughput, useSystemStats } from "@/lib/queries/system";
import { SystemCleanupButton } from "./system-cleanup-button";
import { SystemQueueTable } from "./system-queue-table";
import { SystemStuckBatches } from "./system-stuck-batches";
import { SystemStuckJobs } from "./system-stuck-jobs";
import { SystemThroughputChart } from "./system-throughput-chart";

function StatCard({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="glass flex flex-col gap-1 rounded-2xl p-5" data-testid={testId}>
      <span className="text-sm text-slate-300">{label}</span>
      <span className="text-3xl font-semibold tabular-nums text-white">{value}</span>
      {hint ? <span className="text-xs text-slate-400">{hint}</span> : null}
    </div>
  );
}

function Panel({ children, label }: { children: ReactNode; label: string }) {
  return (
    <p className="glass rounded-2xl p-5 text-sm text-slate-300" aria-label={label}>
      {children}
    </p>
  );
}

/** The Sistema page's interactive part: cards, batches by status, throughput chart, queues, stuck jobs and batches. */
export function SystemDashboard() {
  const t = useTranslations("system");
  const locale = useLocale();
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [notice, setNotice] = useState("");
  const stats = useSystemStats(includeDeleted);
  const status = useQueueStatus();
  const throughput = useQueueThroughput();
  const number = (n: number) => n.toLocaleString(locale);
  const s = stats.data;
  const updatedAt = s ? new Date(s.generated_at).toLocaleTimeString(locale) : null;

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-400" aria-live="polite">
          {updatedAt ? t("updatedAt", { time: updatedAt }) : t("loading")}
        </p>
        <SystemCleanupButton onDone={setNotice} />
      </div>
      <p
        role="status"
        className={
          notice ? "rounded-xl border border-emerald-400/30 bg-emerald-500/10 p-3 text-sm text-emerald-200" : "sr-only"
        }
      >
        {notice}
      </p>
      {stats.isError || status.isError || throughput.isError ? (
        <p role="alert" className="rounded-xl border border-rose-400/30 bg-rose-500/10 p-3 text-sm text-rose-200">
          {t("loadFailed")}
        </p>
      ) : null}

      {s ? (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <StatCard
            testId="stat-active-batches"
            label={t("cards.activeBatches")}
            value={number(s.active_batches)}
            hint={t("cards.activeBatchesHint", { total: number(s.total_batches) })}
          />
          <StatCard
            testId="stat-images"
            label={t("cards.images")}
            value={number(s.total_images_processed)}
            hint={t("cards.last24h", { count: number(s.images_processed_last_24h) })}
          />
          <StatCard
            testId="stat-urls"
            label={t("cards.urls")}
            value={number(s.total_urls_processed)}
            hint={t("cards.last24h", { count: number(s.urls_processed_last_24h) })}
          />
          <StatCard
            testId="stat-success-rate"
            label={t("cards.successRate")}
            value={
              s.overall_success_rate === null
                ? t("cards.noData")
                : `${s.overall_success_rate.toLocaleString(locale, { maximumFractionDigits: 1 })}%`
            }
            hint={t("cards.successRateHint")}
          />
        </div>
      ) : (
        <Panel label={t("loading")}>{t("loading")}</Panel>
      )}

      <section aria-labelledby="system-batches-title" className="glass rounded-2xl p-5">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="system-batches-title" className="text-lg font-semibold text-white">
            {t("batches.title")}
          </h2>
          <label className="flex items-center gap-2 text-sm text-slate-300">
            <input
              type="checkbox"
              checked={includeDeleted}
              onChange={(event) => setIncludeDeleted(event.target.checked)}
              className="size-4 accent-accent-500"
            />
            {t("batches.includeDeleted")}
          </label>
        </div>
        <ul className="flex flex-wrap gap-3" data-testid="batches-by-status">
          {BATCH_STATUSES.map((batchStatus) => (
            <li
              key={batchStatus}
              className="flex items-center gap-2 rounded-xl border border-white/10 bg-white/5 px-3 py-2"
            >
              <BatchStatusBadge status={batchStatus} />
              <span className="text-lg font-semibold tabular-nums text-white">
                {s ? number(s.batches_by_status[batchStatus]) : "…"}
              </span>
            </li>
          ))}
        </ul>
      </section>

      {throughput.data ? (
        <SystemThroughputChart data={throughput.data} />
      ) : (
        <Panel label={t("loading")}>{t("loading")}</Panel>
      )}

      {status.data ? (
        <>
          <SystemQueueTable status={status.data} stats={s} />
          <div className="grid gap-8 xl:grid-cols-2">
            <SystemStuckJobs status={status.data} />
            <SystemStuckBatches status={status.data} onDone={setNotice} />
          </div>
        </>
      ) : (
        <Panel label={t("loading")}>{t("loading")}</Panel>
      )}
    </div>
  );
}
