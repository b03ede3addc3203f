"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { useBatchAnalysis, useReprocessNetworkFailures, type BatchAnalysis } from "@/lib/queries/batch-analytics";
import { NETWORK_ERROR_CATEGORIES } from "@/lib/batches/url-chunks/error-categories";
import { useRecommendationText } from "./batch-health-panel";

/** The categories "reprocessar falhas de rede" retries. */
const NETWORK: ReadonlySet<string> = new Set(NETWORK_ERROR_CATEGORIES);

type TopError = BatchAnalysis["top_errors"][number];
type Host = BatchAnalysis["hosts"][number];

/**
 * Error analysis (seed 004): errors by category with bars and shares, the most common errors, the
 * hosts most affected, the blocked URLs by line, and (EDITOR, URL batches) "reprocessar falhas de rede".
 */
export function BatchErrorsPanel({
  batchId,
  intervalSeconds,
  canEdit,
  isUrlBatch,
}: {
  batchId: string;
  intervalSeconds?: number;
  canEdit: boolean;
  isUrlBatch: boolean;
}) {
  const t = useTranslations("batchAnalytics");
  const format = useFormatter();
  const errorText = useErrorText();
  const recommendationText = useRecommendationText();
  const analysis = useBatchAnalysis(batchId, intervalSeconds);
  const reprocess = useReprocessNetworkFailures(batchId);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const data = analysis.data;

  const category = (code: string) =>
    t.has(`categories.${code}` as "categories.DNS") ? t(`categories.${code}` as "categories.DNS") : code;
  const pct = (value: number) => `${format.number(value, { maximumFractionDigits: 1 })}%`;
  const networkFailures = data?.categories.filter((c) => NETWORK.has(c.category)).reduce((n, c) => n + c.count, 0) ?? 0;

  const onReprocess = () => {
    setResult(null);
    reprocess.mutate(undefined, {
      onSuccess: (batch) =>
        setResult({ ok: true, text: t("errors.reprocessedNetwork", { count: batch.requeued ?? 0 }) }),
      onError: (error) => setResult({ ok: false, text: t("errors.reprocessError", { message: errorText(error) }) }),
    });
  };

  return (
    <section
      className="glass min-h-[22rem] rounded-2xl p-5"
      aria-labelledby="batch-errors-title"
      data-testid="batch-errors"
    >
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id="batch-errors-title" className="text-lg font-semibold text-white">
          {t("errors.title")}
        </h2>
        {canEdit && isUrlBatch ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={onReprocess}
            disabled={reprocess.isPending || networkFailures === 0}
            aria-describedby={result ? "reprocess-network-result" : undefined}
          >
            {reprocess.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : <RefreshIcon className="size-4" />}
            {reprocess.isPending ? t("errors.reprocessingNetwork") : t("errors.reprocessNetwork")}
          </Button>
        ) : null}
      </div>
      {result ? (
        <p
          id="reprocess-network-result"
          role={result.ok ? "status" : "alert"}
          className={result.ok ? "mb-3 text-sm text-emerald-300" : "mb-3 text-sm text-rose-300"}
        >
          {result.text}
        </p>
      ) : null}

      {!data ? (
        analysis.isError ? (
          <p role="alert" className="text-sm text-rose-300">
            {t("errors.error")}
          </p>
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("errors.loading")}
          </p>
        )
      ) : data.total_errors === 0 ? (
        <p className="text-sm text-slate-300">{t("errors.none")}</p>
      ) : (
        <div className="space-y-6">
          <p className="text-sm text-slate-300 tabular-nums" data-testid="errors-summary">
            {t("errors.summary", {
              errors: data.total_errors,
              total: data.total_items,
              rate: data.error_rate ?? 0,
            })}
          </p>

          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-200">{t("errors.byCategory")}</h3>
            <ul className="space-y-2" data-testid="error-categories">
              {data.categories.map((c) => (
                <li key={c.category} data-category={c.category}>
                  <div className="flex items-baseline justify-between gap-3 text-sm">
                    <span className="text-slate-100">{category(c.category)}</span>
                    <span className="shrink-0 text-slate-200 tabular-nums">
                      {format.number(c.count)} · {pct(c.percentage)}
                    </span>
                  </div>
                  <div className="mt-1 h-2 overflow-hidden rounded-full bg-white/10" aria-hidden="true">
                    <div
                      className={NETWORK.has(c.category) ? "h-full bg-amber-400" : "h-full bg-rose-400"}
                      style={{ width: `${c.percentage}%` }}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </div>

          <ul className="space-y-1.5 text-sm text-slate-200" data-testid="errors-recommendations">
            {data.recommendations.map((r) => (
              <li
                key={r.code}
                data-code={r.code}
                className="glass-subtle rounded-lg px-3 py-2 [overflow-wrap:anywhere]"
              >
                {recommendationText(r)}
              </li>
            ))}
          </ul>

          <div className="grid gap-6 xl:grid-cols-2">
            <div>
              <h3 id="top-errors-title" className="mb-2 text-sm font-medium text-slate-200">
                {t("errors.topErrors")}
              </h3>
              <DataTable<TopError>
                ariaLabelledBy="top-errors-title"
                frame="plain"
                density="compact"
                rows={data.top_errors}
                rowKey={(row) => `${row.category}:${row.error_type}`}
                columns={[
                  {
                    key: "type",
                    header: t("errors.errorType"),
                    cell: (row) => (
                      <span>
                        <span className="font-mono text-xs text-slate-100">{row.error_type}</span>
                        <span className="block text-xs text-slate-400">{category(row.category)}</span>
                      </span>
                    ),
                  },
                  { key: "count", header: t("errors.count"), align: "right", cell: (row) => format.number(row.count) },
                  { key: "share", header: t("errors.share"), align: "right", cell: (row) => pct(row.percentage) },
                ]}
              />
            </div>
            {data.hosts.length > 0 ? (
              <div>
                <h3 id="hosts-title" className="mb-2 text-sm font-medium text-slate-200">
                  {t("errors.hosts")}
                </h3>
                <DataTable<Host>
                  ariaLabelledBy="hosts-title"
                  frame="plain"
                  density="compact"
                  rows={data.hosts}
                  rowKey={(row) => row.host}
                  columns={[
                    {
                      key: "host",
                      header: t("errors.host"),
                      className: "max-w-[16rem]",
                      cell: (row) => (
                        <span className="block min-w-0">
                          <span className="block truncate font-mono text-xs text-slate-100" title={row.host}>
                            {row.host}
                          </span>
                          <span className="block text-xs text-slate-400">
                            {t("errors.topCategory")}: {category(row.top_category)}
                          </span>
                        </span>
                      ),
                    },
                    {
                      key: "failed",
                      header: t("errors.count"),
                      align: "right",
                      cell: (row) => format.number(row.failed),
                    },
                    { key: "share", header: t("errors.share"), align: "right", cell: (row) => pct(row.percentage) },
                  ]}
                />
              </div>
            ) : null}
          </div>

          {data.blocked_count > 0 ? (
            <div data-testid="blocked-urls">
              <h3 className="mb-2 text-sm font-medium text-rose-200">
                {t("errors.blocked", { count: data.blocked_count })}
              </h3>
              <ul className="max-h-56 space-y-1 overflow-auto rounded-xl border border-rose-400/20 bg-rose-500/5 p-3 text-xs">
                {data.blocked_urls.map((b) => (
                  <li key={`${b.line_number}:${b.url}`} className="flex gap-3">
                    <span className="w-20 shrink-0 text-slate-400 tabular-nums">
                      {t("errors.line", { line: b.line_number })}
                    </span>
                    <span className="min-w-0 break-all font-mono text-slate-100">{b.url}</span>
                  </li>
                ))}
              </ul>
              {data.blocked_count > data.blocked_urls.length ? (
                <p className="mt-1 text-xs text-slate-400">
                  {t("errors.blockedMore", { count: data.blocked_count - data.blocked_urls.length })}
                </p>
              ) : null}
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
