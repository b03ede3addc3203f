import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getCoverage, summarizeCoverage } from "@/lib/reports/coverage";
import { CoverageBar } from "./coverage-bar";

const MAX_ROWS = 6;

/** Painel card: photo coverage per collection (lowest first, so gaps stand out), linking to the report. */
export async function CoverageCard() {
  const [t, format, rows] = await Promise.all([getTranslations("coverage"), getFormatter(), getCoverage()]);
  const totals = summarizeCoverage(rows);
  const shown = [...rows]
    .sort((a, b) => a.percent - b.percent || a.collectionName.localeCompare(b.collectionName))
    .slice(0, MAX_ROWS);
  return (
    <section aria-labelledby="coverage-card-title" className="glass mb-10 rounded-2xl p-5" data-testid="coverage-card">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="coverage-card-title" className="text-sm font-semibold uppercase tracking-wider text-slate-300">
          {t("cardTitle")}
        </h2>
        {rows.length > 0 ? (
          <span className="text-sm tabular-nums text-slate-200" data-testid="coverage-total">
            {t("percent", { percent: totals.percent })} ·{" "}
            {t("counts", { withPhoto: format.number(totals.skusWithPhoto), total: format.number(totals.totalSkus) })}
          </span>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-300">{t("cardEmpty")}</p>
      ) : (
        <ul className="space-y-3">
          {shown.map((r) => (
            <li key={r.collectionId}>
              <div className="mb-1 flex items-baseline justify-between gap-3 text-sm">
                <span className="truncate text-slate-100">{`${r.brandName} · ${r.collectionName}`}</span>
                <span className="shrink-0 tabular-nums text-slate-300">
                  {t("percent", { percent: r.percent })} ·{" "}
                  {t("counts", { withPhoto: format.number(r.skusWithPhoto), total: format.number(r.totalSkus) })}
                </span>
              </div>
              <CoverageBar
                percent={r.percent}
                label={t("progressLabel", { collection: r.collectionName, percent: r.percent })}
              />
            </li>
          ))}
        </ul>
      )}
      <Link
        href="/relatorios/cobertura"
        className="mt-4 inline-block text-sm text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-400"
      >
        {t("seeReport")}
      </Link>
    </section>
  );
}
