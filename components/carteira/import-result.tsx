"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/errors/use-error-text";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { CarteiraImportIssue, CarteiraImportSummary } from "@/lib/queries/types";

const SHOWN_ISSUES = 50;

/** Counts of a finished import and its problems with sheet + line numbers. */
export function ImportResult({ summary, message }: { summary: CarteiraImportSummary; message?: string }) {
  const t = useTranslations("carteira.result");
  const errorText = useErrorText();
  const isFailed = summary.status === "FAILED";
  const counts: [string, number][] = [
    [t("created"), summary.created],
    [t("updated"), summary.updated],
    [t("unchanged"), summary.unchanged],
    [t("errors"), summary.errorCount],
  ];
  const issueColumns: DataTableColumn<CarteiraImportIssue>[] = [
    { key: "sheet", header: t("sheet"), cell: (e) => e.sheet ?? "—" },
    { key: "line", header: t("line"), className: "tabular-nums", cell: (e) => e.line ?? "—" },
    {
      key: "message",
      header: t("message"),
      cell: (e) => (
        <span className={e.severity === "error" ? "text-rose-200" : "text-amber-200"}>
          {errorText({ code: e.code, message: e.message, details: e.params })}
        </span>
      ),
    },
  ];
  return (
    <section aria-labelledby="import-result-title" className="glass space-y-4 rounded-2xl p-6">
      <h2 id="import-result-title" className="text-lg font-semibold text-white">
        {t("title")}
      </h2>
      <p
        role={isFailed ? "alert" : "status"}
        className={isFailed ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
      >
        {isFailed ? (message ?? t("failed")) : t("completed")}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {counts.map(([label, value]) => (
          <div key={label} className="glass-subtle rounded-xl p-3">
            <dt className="text-xs text-slate-300">{label}</dt>
            <dd className="text-2xl font-semibold text-white tabular-nums" data-testid={`result-${label}`}>
              {value.toLocaleString("pt-BR")}
            </dd>
          </div>
        ))}
      </dl>
      {summary.errors.length > 0 ? (
        <div>
          <DataTable
            columns={issueColumns}
            rows={summary.errors.slice(0, SHOWN_ISSUES)}
            rowKey={(_, i) => i}
            density="compact"
            frame="plain"
          />
          {summary.errors.length > SHOWN_ISSUES ? (
            <p className="mt-2 text-xs text-slate-400">{t("more", { count: summary.errors.length - SHOWN_ISSUES })}</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
