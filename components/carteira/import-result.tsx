"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/errors/use-error-text";
import type { ImportSummary } from "@/lib/carteira/import/types";

const SHOWN_ISSUES = 50;

/** Counts of a finished import and its problems with sheet + line numbers. */
export function ImportResult({ summary, message }: { summary: ImportSummary; message?: string }) {
  const t = useTranslations("carteira.result");
  const errorText = useErrorText();
  const isFailed = summary.status === "FAILED";
  const counts: [string, number][] = [
    [t("created"), summary.created],
    [t("updated"), summary.updated],
    [t("unchanged"), summary.unchanged],
    [t("errors"), summary.errorCount],
  ];
  return (
    <section aria-labelledby="import-result-title" className="glass space-y-4 rounded-2xl p-6">
      <h2 id="import-result-title" className="text-lg font-semibold text-white">{t("title")}</h2>
      <p role={isFailed ? "alert" : "status"} className={isFailed ? "text-sm text-rose-300" : "text-sm text-emerald-300"}>
        {isFailed ? (message ?? t("failed")) : t("completed")}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {counts.map(([label, value]) => (
          <div key={label} className="glass-subtle rounded-xl p-3">
            <dt className="text-xs text-slate-300">{label}</dt>
            <dd className="text-2xl font-semibold text-white tabular-nums" data-testid={`result-${label}`}>{value.toLocaleString("pt-BR")}</dd>
          </div>
        ))}
      </dl>
      {summary.errors.length > 0 ? (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-300">
              <tr>
                <th scope="col" className="p-2 font-medium">{t("sheet")}</th>
                <th scope="col" className="p-2 font-medium">{t("line")}</th>
                <th scope="col" className="p-2 font-medium">{t("message")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-white/10 text-slate-100">
              {summary.errors.slice(0, SHOWN_ISSUES).map((e, i) => (
                <tr key={i}>
                  <td className="p-2">{e.sheet ?? "—"}</td>
                  <td className="p-2 tabular-nums">{e.line ?? "—"}</td>
                  <td className={e.severity === "error" ? "p-2 text-rose-200" : "p-2 text-amber-200"}>{errorText({ code: e.code, message: e.message, details: e.params })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.errors.length > SHOWN_ISSUES ? <p className="mt-2 text-xs text-slate-400">{t("more", { count: summary.errors.length - SHOWN_ISSUES })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
