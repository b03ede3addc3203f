import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { BatchCollectionFilterForm } from "@/components/filters/batch-collection-filter-form";
import { PageHeader } from "@/components/page-header";
import { DailyColumns, HorizontalBars, StackedBar, type Segment } from "@/components/reports/metrics/charts";
import { MetricsCard } from "@/components/reports/metrics/metrics-card";
import {
  AI_COLORS,
  MATCH_COLORS,
  PROCESSING_COLORS,
  SERIES_COLORS,
  STATUS_COLORS,
} from "@/components/reports/metrics/palette";
import { buttonClasses } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { requireUser } from "@/lib/auth/session";
import { listBrands } from "@/lib/catalog/brands-and-collections";
import { IMAGE_STATUSES } from "@/lib/images/schemas";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";
import { getMetrics } from "@/lib/reports/metrics";
import { parseMetricsSearchParams, percentOf } from "@/lib/reports/metrics-shape";
import type { Metrics } from "@/lib/reports/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports.metrics");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type StatusKey = "status" | "matchStatus" | "processingStatus" | "aiStatus";
type CountRow = { key: string; label: string; count: number };

const STATUS_PALETTES: Record<StatusKey, Record<string, string>> = {
  status: STATUS_COLORS,
  matchStatus: MATCH_COLORS,
  processingStatus: PROCESSING_COLORS,
  aiStatus: AI_COLORS,
};

export default async function MetricsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const filter = parseMetricsSearchParams(await searchParams);
  const [t, tErrors, format, metrics, options, brands] = await Promise.all([
    getTranslations("reports.metrics"),
    getTranslations("errors"),
    getFormatter(),
    getMetrics(filter),
    listQueueFilterOptions(),
    listBrands(),
  ]);
  const filterParams = Object.fromEntries(
    Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const number = (count: number) => format.number(count);
  const statusLabel = (key: StatusKey, value: string) => t(`${key}.${value}` as "status.PENDENTE");
  const failureLabel = (code: string | null) =>
    code === null ? t("unknownReason") : tErrors.has(code as "INTERNAL") ? tErrors(code as "INTERNAL") : code;
  const dayText = (day: string) =>
    format.dateTime(new Date(`${day}T00:00:00Z`), { day: "2-digit", month: "2-digit", timeZone: "UTC" });
  const fullDay = (day: string) =>
    format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: "short", timeZone: "UTC" });

  const countColumns = (first: string): DataTableColumn<CountRow>[] => [
    { key: "label", header: first, cell: (r) => r.label },
    {
      key: "count",
      header: t("columns.photos"),
      align: "right",
      className: "tabular-nums",
      cell: (r) => number(r.count),
    },
    {
      key: "percent",
      header: t("columns.percent"),
      align: "right",
      className: "tabular-nums",
      cell: (r) => `${percentOf(r.count, metrics.total)}%`,
    },
  ];

  const statusCard = (key: StatusKey) => {
    const title = t(`sections.${key}.title`);
    const segments: Segment[] = metrics[key].map((c) => ({
      key: c.value,
      label: statusLabel(key, c.value),
      count: c.count,
      color: STATUS_PALETTES[key][c.value] ?? "#94a3b8",
    }));
    return (
      <MetricsCard
        key={key}
        table={key}
        title={title}
        description={t(`sections.${key}.description`)}
        filterParams={filterParams}
        rows={segments.length}
        chart={
          <StackedBar
            segments={segments}
            ariaLabel={t("chartLabel", { title })}
            legendText={(s, percent) => t("segment", { label: s.label, count: s.count, percent })}
            testId={`chart-${key}`}
          />
        }
        tableView={
          <DataTable
            columns={countColumns(t("columns.value"))}
            rows={segments}
            rowKey={(r) => r.key}
            density="compact"
            frame="plain"
            ariaLabel={title}
          />
        }
      />
    );
  };

  const collectionRows = metrics.collections.map((c) => ({
    key: c.id ?? "none",
    label: c.name ?? t("noCollection"),
    brandName: c.brandName ?? t("noBrand"),
    count: c.count,
    ready: c.ready,
    failed: c.failed,
    byStatus: c.byStatus,
    segments: IMAGE_STATUSES.map((s) => ({
      key: s,
      label: statusLabel("status", s),
      count: c.byStatus[s],
      color: STATUS_COLORS[s],
    })),
  }));
  const brandRows: CountRow[] = metrics.brands.map((b) => ({
    key: b.id ?? "none",
    label: b.name ?? t("noBrand"),
    count: b.count,
  }));
  const failureRows: CountRow[] = metrics.failures.map((f) => ({
    key: f.code ?? "none",
    label: failureLabel(f.code),
    count: f.count,
  }));
  const barTitle = (r: { label: string; count: number }) => t("bar", { label: r.label, count: r.count });
  const isEmpty = metrics.total === 0;

  /** A card of one count per label (brands, failure reasons): bars, a table, an export. */
  const countCard = (key: "brands" | "failures", rows: CountRow[], firstColumn: string, emptyText: string) => {
    const title = t(`sections.${key}.title`);
    return (
      <MetricsCard
        table={key}
        title={title}
        description={t(`sections.${key}.description`)}
        filterParams={filterParams}
        rows={rows.length}
        chart={
          rows.length > 0 ? (
            <HorizontalBars
              rows={rows}
              ariaLabel={t("chartLabel", { title })}
              barTitle={barTitle}
              formatCount={number}
              color={SERIES_COLORS[key]}
              testId={`chart-${key}`}
            />
          ) : (
            <p className="text-sm text-slate-300">{emptyText}</p>
          )
        }
        tableView={
          <DataTable
            columns={countColumns(firstColumn)}
            rows={rows}
            rowKey={(r) => r.key}
            density="compact"
            frame="plain"
            ariaLabel={title}
            empty={emptyText}
          />
        }
      />
    );
  };

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BatchCollectionFilterForm
        ariaLabel={t("filters.label")}
        options={{ ...options, brands: brands.map((b) => ({ id: b.id, name: b.name })) }}
        values={filter}
        hasDateRange
      />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <p className="text-lg font-semibold text-white tabular-nums" data-testid="metrics-total">
          {t("total", { count: metrics.total })}
        </p>
        {Object.keys(filterParams).length > 0 ? (
          <Link href="/relatorios" className={buttonClasses("ghost", "sm")}>
            {t("filters.clear")}
          </Link>
        ) : null}
      </div>
      {isEmpty ? <p className="glass mb-6 rounded-2xl p-5 text-sm text-slate-300">{t("empty")}</p> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {statusCard("status")}
        {statusCard("aiStatus")}
        {statusCard("processingStatus")}
        {statusCard("matchStatus")}

        <MetricsCard
          table="collections"
          title={t("sections.collections.title")}
          description={t("sections.collections.description")}
          filterParams={filterParams}
          rows={collectionRows.length}
          className="lg:col-span-2"
          chart={
            <>
              <HorizontalBars
                rows={collectionRows}
                ariaLabel={t("chartLabel", { title: t("sections.collections.title") })}
                barTitle={barTitle}
                formatCount={number}
                testId="chart-collections"
              />
              <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-300">
                {IMAGE_STATUSES.map((s) => (
                  <li key={s} className="flex items-center gap-1.5">
                    <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: STATUS_COLORS[s] }} />
                    {statusLabel("status", s)}
                  </li>
                ))}
              </ul>
            </>
          }
          tableView={
            <DataTable
              columns={[
                { key: "collection", header: t("columns.collection"), cell: (r) => r.label },
                { key: "brand", header: t("columns.brand"), cell: (r) => r.brandName },
                {
                  key: "count",
                  header: t("columns.photos"),
                  align: "right",
                  className: "tabular-nums",
                  cell: (r) => number(r.count),
                },
                {
                  key: "ready",
                  header: t("columns.ready"),
                  align: "right",
                  className: "tabular-nums",
                  cell: (r) => number(r.ready),
                },
                {
                  key: "failed",
                  header: t("columns.failed"),
                  align: "right",
                  className: "tabular-nums",
                  cell: (r) => number(r.failed),
                },
                ...IMAGE_STATUSES.map((s) => ({
                  key: s,
                  header: statusLabel("status", s),
                  align: "right" as const,
                  className: "tabular-nums",
                  cell: (r: (typeof collectionRows)[number]) => number(r.byStatus[s]),
                })),
              ]}
              rows={collectionRows}
              rowKey={(r) => r.key}
              density="compact"
              frame="plain"
              ariaLabel={t("sections.collections.title")}
              empty={t("empty")}
            />
          }
        />

        {countCard("brands", brandRows, t("columns.brand"), t("empty"))}
        {countCard("failures", failureRows, t("columns.reason"), t("sections.failures.none"))}

        <DaysCard metrics={metrics} filterParams={filterParams} number={number} dayText={dayText} fullDay={fullDay} />
      </div>
    </>
  );
}

async function DaysCard({
  metrics,
  filterParams,
  number,
  dayText,
  fullDay,
}: {
  metrics: Metrics;
  filterParams: Record<string, string>;
  number: (count: number) => string;
  dayText: (day: string) => string;
  fullDay: (day: string) => string;
}) {
  const t = await getTranslations("reports.metrics");
  const title = t("sections.days.title");
  const dayRows = metrics.days.items.map((d) => ({ key: d.day, label: fullDay(d.day), count: d.count }));
  return (
    <MetricsCard
      table="days"
      title={title}
      description={t("sections.days.description", {
        from: fullDay(metrics.days.from),
        to: fullDay(metrics.days.to),
      })}
      filterParams={filterParams}
      rows={dayRows.length}
      className="lg:col-span-2"
      chart={
        <DailyColumns
          days={metrics.days.items}
          ariaLabel={t("chartLabel", { title })}
          dayTitle={(d) => t("dayBar", { day: fullDay(d.day), count: d.count })}
          dayLabel={dayText}
          formatCount={number}
          color={SERIES_COLORS.days}
          testId="chart-days"
        />
      }
      tableView={
        <DataTable
          columns={[
            { key: "day", header: t("columns.day"), cell: (r) => r.label },
            {
              key: "count",
              header: t("columns.photos"),
              align: "right",
              className: "tabular-nums",
              cell: (r) => number(r.count),
            },
          ]}
          rows={dayRows}
          rowKey={(r) => r.key}
          density="compact"
          frame="plain"
          ariaLabel={title}
        />
      }
    />
  );
}
