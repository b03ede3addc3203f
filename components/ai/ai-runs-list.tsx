"use client";

import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { SpinnerIcon } from "@/components/ui/icons";
import { useAiRuns, type AiRunSummary } from "@/lib/queries/ai-runs";
import { formatUsd } from "./ai-format";
import { AiRunStatusBadge } from "./ai-run-status-badge";

const LINK =
  "text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300";

/** The runs page's table: when (a link to the run), status, who, photos done of total, failures, cost, engine. */
export function AiRunsList() {
  const t = useTranslations("ai.runs");
  const tEngine = useTranslations("ai.engine");
  const format = useFormatter();
  const locale = useLocale();
  const runs = useAiRuns();
  const rows = runs.data?.pages.flatMap((page) => page.items) ?? [];

  if (runs.isPending)
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
        <SpinnerIcon className="size-4 animate-spin" />
        {t("loading")}
      </p>
    );
  if (runs.isError && rows.length === 0)
    return (
      <div role="alert" className="glass flex items-center justify-between gap-3 rounded-xl p-4 text-sm text-rose-200">
        {t("error")}
        <Button variant="secondary" size="sm" onClick={() => void runs.refetch()}>
          {t("retry")}
        </Button>
      </div>
    );

  const when = (run: AiRunSummary) =>
    format.dateTime(new Date(run.createdAt), { dateStyle: "short", timeStyle: "short" });
  const columns: DataTableColumn<AiRunSummary>[] = [
    {
      key: "when",
      header: t("columns.when"),
      className: "whitespace-nowrap",
      cell: (run) => (
        <Link href={`/catalogo/analises/${run.id}`} className={LINK} aria-label={t("open", { date: when(run) })}>
          {when(run)}
        </Link>
      ),
    },
    { key: "status", header: t("columns.status"), cell: (run) => <AiRunStatusBadge status={run.status} /> },
    {
      key: "createdBy",
      header: t("columns.createdBy"),
      cell: (run) => (
        <span className="text-slate-200">
          {run.createdBy ? (run.createdBy.name ?? run.createdBy.email) : t("system")}
        </span>
      ),
    },
    {
      key: "totals",
      header: t("columns.totals"),
      align: "right",
      className: "tabular-nums whitespace-nowrap",
      cell: (run) =>
        t("totalsValue", { done: run.succeeded + run.failed + run.skipped + run.cancelled, total: run.total }),
    },
    {
      key: "failures",
      header: t("columns.failures"),
      align: "right",
      className: "tabular-nums",
      cell: (run) => (
        <span
          data-testid="ai-run-failures"
          className={cn(run.failed > 0 ? "font-semibold text-rose-200" : "text-slate-300")}
        >
          {format.number(run.failed)}
        </span>
      ),
    },
    {
      key: "cost",
      header: t("columns.cost"),
      align: "right",
      className: "tabular-nums whitespace-nowrap",
      cell: (run) => formatUsd(run.costUsd, locale),
    },
    {
      key: "engine",
      header: t("columns.engine"),
      cell: (run) => (
        <span className="text-xs text-slate-300">
          {run.engine === "local"
            ? tEngine("local")
            : run.model
              ? tEngine("modelNamed", { model: run.model })
              : tEngine("model")}
        </span>
      ),
    },
  ];
  return (
    <div className="space-y-3">
      <DataTable
        columns={columns}
        rows={rows}
        caption={t("caption")}
        empty={t("empty")}
        rowProps={(run) => ({ "data-testid": "ai-run-row", "data-run-id": run.id })}
      />
      {runs.hasNextPage ? (
        <Button
          variant="secondary"
          size="sm"
          disabled={runs.isFetchingNextPage}
          onClick={() => void runs.fetchNextPage()}
        >
          {runs.isFetchingNextPage ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {t("more")}
        </Button>
      ) : null}
    </div>
  );
}
