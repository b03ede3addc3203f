import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import { ExportMenu } from "@/components/export/export-menu";
import type { MetricsTable } from "@/lib/reports/schemas";

/**
 * One metric of Relatórios → Métricas: its title, its chart, its table behind "Ver como tabela"
 * (a native <details>, keyboard- and screen-reader-friendly) and the export of that table under the
 * page's filters (GET /api/v1/export/metrics).
 */
export function MetricsCard({
  table,
  title,
  description,
  filterParams,
  rows,
  chart,
  tableView,
  className,
}: {
  table: MetricsTable;
  title: string;
  description?: string;
  filterParams: Record<string, string>;
  rows: number;
  chart: ReactNode;
  tableView: ReactNode;
  className?: string;
}) {
  const t = useTranslations("reports.metrics");
  const headingId = `metrics-${table}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`metrics-${table}`}
      className={`glass flex min-w-0 flex-col gap-4 rounded-2xl p-5 ${className ?? ""}`}
    >
      <header className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-white">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-slate-300">{description}</p> : null}
        </div>
        <ExportMenu
          selection={{ endpoint: "/api/v1/export/metrics", params: { ...filterParams, table } }}
          rows={rows}
          formats={["csv", "xlsx", "json"]}
          showMetadata={false}
          testId={`export-${table}`}
        />
      </header>
      {chart}
      <details className="group text-sm">
        <summary className="cursor-pointer select-none text-accent-300 underline-offset-2 hover:underline">
          {t("viewTable")}
        </summary>
        <div className="mt-3">{tableView}</div>
      </details>
    </section>
  );
}
