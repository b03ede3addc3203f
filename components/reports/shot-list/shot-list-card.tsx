import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CoverageBar } from "@/components/reports/coverage-bar";
import { getShotListSummary, loadShotListScope } from "@/lib/reports/shot-list/shot-list-report";

const MAX_ROWS = 6;

/** Painel card: shot-list completion (SKUs with every required angle), lowest collections first. */
export async function ShotListCard() {
  const [t, format, scope] = await Promise.all([getTranslations("shotList"), getFormatter(), loadShotListScope({})]);
  const summary = await getShotListSummary({}, scope);
  const shown = [...summary.byCollection]
    .sort((a, b) => a.percentComplete - b.percentComplete || a.label.localeCompare(b.label))
    .slice(0, MAX_ROWS);
  return (
    <section
      aria-labelledby="shot-list-card-title"
      className="glass mb-10 rounded-2xl p-5"
      data-testid="shot-list-card"
    >
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="shot-list-card-title" className="text-sm font-semibold uppercase tracking-wider text-slate-300">
          {t("cardTitle")}
        </h2>
        {summary.totals.totalSkus > 0 ? (
          <span className="text-sm tabular-nums text-slate-200" data-testid="shot-list-card-total">
            {t("percent", { percent: summary.totals.percentComplete })} ·{" "}
            {t("counts", {
              complete: format.number(summary.totals.completeSkus),
              total: format.number(summary.totals.totalSkus),
            })}
          </span>
        ) : null}
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-300">{t("cardEmpty")}</p>
      ) : (
        <ul className="space-y-3">
          {shown.map((g) => (
            <li key={g.key}>
              <div className="mb-1 flex items-baseline justify-between gap-3 text-sm">
                <span className="truncate text-slate-100">{g.label}</span>
                <span className="shrink-0 tabular-nums text-slate-300">
                  {t("percent", { percent: g.percentComplete })} ·{" "}
                  {t("counts", { complete: format.number(g.completeSkus), total: format.number(g.totalSkus) })}
                </span>
              </div>
              <CoverageBar
                percent={g.percentComplete}
                label={t("progressLabel", { group: g.label, percent: g.percentComplete })}
              />
            </li>
          ))}
        </ul>
      )}
      <Link
        href="/relatorios/cobertura#shot-list-title"
        className="mt-4 inline-block text-sm text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-400"
      >
        {t("seeReport")}
      </Link>
    </section>
  );
}
