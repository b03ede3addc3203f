import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CoverageBar } from "@/components/reports/coverage-bar";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { ShotListGroup, ShotListMatrixRow, ShotListSummary } from "@/lib/reports/shot-list/shot-list-report";

/** One angle cell: a check and "com foto", or "falta" — words, not colour alone. */
function AngleCell({
  cell,
  label,
}: {
  cell: { hasPhoto: boolean } | undefined;
  label: { has: string; missing: string; na: string };
}) {
  if (!cell) return <span className="text-slate-400">{label.na}</span>;
  return cell.hasPhoto ? (
    <span className="inline-flex items-center gap-1 text-emerald-300">
      <span aria-hidden="true">✓</span>
      {label.has}
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded bg-amber-500/15 px-1.5 py-0.5 font-medium text-amber-200">
      <span aria-hidden="true">✗</span>
      {label.missing}
    </span>
  );
}

/** The SKU × angle matrix: one column per angle of the lists in scope, and what each row still lacks. */
export async function ShotListMatrix({ rows, angleNames }: { rows: ShotListMatrixRow[]; angleNames: string[] }) {
  const t = await getTranslations("shotList");
  const label = { has: t("cell.has"), missing: t("cell.missing"), na: t("cell.notRequired") };
  const columns: DataTableColumn<ShotListMatrixRow>[] = [
    {
      key: "sku",
      header: t("columns.sku"),
      className: "font-mono whitespace-nowrap",
      cell: (r) => (
        <Link href={`/produtos/${r.productId}`} className="text-accent-300 underline-offset-2 hover:underline">
          {r.sku}
        </Link>
      ),
    },
    { key: "nome", header: t("columns.nomePeca"), cell: (r) => r.nomePeca ?? "—" },
    { key: "categoria", header: t("columns.categoria"), cell: (r) => r.categoria ?? "—" },
    { key: "fornecedor", header: t("columns.fornecedor"), cell: (r) => r.fornecedor ?? "—" },
    { key: "collection", header: t("columns.collection"), cell: (r) => r.collectionName },
    ...angleNames.map((angle): DataTableColumn<ShotListMatrixRow> => ({
      key: `angle-${angle}`,
      header: angle,
      className: "whitespace-nowrap",
      cell: (r) => <AngleCell cell={r.cells.find((c) => c.angle === angle)} label={label} />,
    })),
    {
      key: "status",
      header: t("columns.status"),
      cell: (r) =>
        r.isComplete ? (
          <span className="text-emerald-300">{t("complete")}</span>
        ) : (
          <span className="font-medium text-amber-200" data-testid="shot-list-missing">
            {t("missing", { angles: r.missing.join(", ") })}
          </span>
        ),
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rows}
      rowKey={(r) => r.productId}
      rowProps={(r) => ({ "data-testid": `shot-list-row-${r.sku}` })}
      empty={t("matrixEmpty")}
      ariaLabelledBy="shot-list-title"
      density="compact"
    />
  );
}

async function GroupPanel({ title, groups, testId }: { title: string; groups: ShotListGroup[]; testId: string }) {
  const [t, format] = await Promise.all([getTranslations("shotList"), getFormatter()]);
  return (
    <section className="glass rounded-2xl p-4" data-testid={testId} aria-label={title}>
      <h3 className="mb-3 text-sm font-semibold uppercase tracking-wider text-slate-300">{title}</h3>
      {groups.length === 0 ? (
        <p className="text-sm text-slate-300">—</p>
      ) : (
        <ul className="space-y-3">
          {groups.slice(0, 12).map((g) => (
            <li key={g.key}>
              {/* Wraps rather than truncating: three panels side by side leave little room at 1024 px. */}
              <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span className="break-words text-slate-100">{g.label || t("none")}</span>
                <span className="shrink-0 tabular-nums text-slate-300">
                  {t("percent", { percent: g.percentComplete })} ·{" "}
                  {t("counts", { complete: format.number(g.completeSkus), total: format.number(g.totalSkus) })}
                </span>
              </div>
              <CoverageBar
                percent={g.percentComplete}
                label={t("progressLabel", { group: g.label || t("none"), percent: g.percentComplete })}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Completion per collection, fornecedor and categoria (SKUs with every angle), plus the angle cells total. */
export async function ShotListSummaryPanels({ summary }: { summary: ShotListSummary }) {
  const [t, format] = await Promise.all([getTranslations("shotList"), getFormatter()]);
  const { totals } = summary;
  return (
    <>
      <p className="mb-4 text-sm text-slate-200" data-testid="shot-list-totals">
        {t("totals", {
          percent: totals.percentComplete,
          complete: format.number(totals.completeSkus),
          total: format.number(totals.totalSkus),
          anglesPercent: totals.percentAngles,
        })}
      </p>
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <GroupPanel title={t("byCollection")} groups={summary.byCollection} testId="shot-list-by-collection" />
        <GroupPanel title={t("byFornecedor")} groups={summary.byFornecedor} testId="shot-list-by-fornecedor" />
        <GroupPanel title={t("byCategoria")} groups={summary.byCategoria} testId="shot-list-by-categoria" />
      </div>
    </>
  );
}
