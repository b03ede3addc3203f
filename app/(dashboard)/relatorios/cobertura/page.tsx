import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ExportMenu } from "@/components/export/export-menu";
import { PageHeader } from "@/components/page-header";
import { CoverageBar } from "@/components/reports/coverage-bar";
import { ShotListEditor } from "@/components/reports/shot-list/shot-list-editor";
import { ShotListMatrix, ShotListSummaryPanels } from "@/components/reports/shot-list/shot-list-matrix";
import { buttonClasses } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";
import { requireUser } from "@/lib/auth/session";
import { listBrands, listCollections } from "@/lib/catalog/brands-and-collections";
import { hasRole } from "@/lib/auth/roles";
import { getCoverage } from "@/lib/reports/coverage";
import { shotListReportQuerySchema } from "@/lib/reports/shot-list/schemas";
import {
  getShotListSummary,
  listShotListFornecedores,
  listShotListMatrix,
  loadShotListScope,
} from "@/lib/reports/shot-list/shot-list-report";
import { listCategorias, listSkusWithoutPhoto, skusWithoutPhotoQuerySchema } from "@/lib/reports/skus-without-photo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("coverage");
  return { title: t("reportTitle") };
}

type CoverageRow = Awaited<ReturnType<typeof getCoverage>>[number];
type MissingRow = Awaited<ReturnType<typeof listSkusWithoutPhoto>>["items"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FILTER_KEYS = ["brandId", "collectionId", "categoria", "q"] as const;
// The shot list's own filters and page (the SKUs sem foto list keeps `cursor`).
const SHOT_LIST_KEYS = ["fornecedor", "incomplete", "slCursor"] as const;

export default async function RelatoriosPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const sp = await searchParams;
  const raw = Object.fromEntries(
    [...FILTER_KEYS, "cursor"].flatMap((k) => (typeof sp[k] === "string" && sp[k] ? [[k, sp[k]]] : [])),
  ) as Record<string, string>;
  const parsed = skusWithoutPhotoQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : skusWithoutPhotoQuerySchema.parse({});
  const slRaw = Object.fromEntries(
    SHOT_LIST_KEYS.flatMap((k) => (typeof sp[k] === "string" && sp[k] ? [[k, sp[k]]] : [])),
  ) as Record<string, string>;
  const slParsed = shotListReportQuerySchema.safeParse({
    brandId: query.brandId,
    collectionId: query.collectionId,
    categoria: query.categoria,
    fornecedor: slRaw.fornecedor,
    incomplete: slRaw.incomplete,
    cursor: slRaw.slCursor,
  });
  const slQuery = slParsed.success ? slParsed.data : shotListReportQuerySchema.parse({});
  const isAdmin = hasRole(user.role, "ADMIN");
  const slScope = await loadShotListScope(slQuery);
  const [
    t,
    tsl,
    format,
    coverage,
    missing,
    brands,
    collections,
    categorias,
    matrix,
    slSummary,
    fornecedores,
    editorScope,
  ] = await Promise.all([
    getTranslations("coverage"),
    getTranslations("shotList"),
    getFormatter(),
    getCoverage({ brandId: query.brandId, collectionId: query.collectionId }),
    listSkusWithoutPhoto(query),
    listBrands(),
    listCollections(query.brandId),
    listCategorias(),
    listShotListMatrix(slQuery, slScope),
    getShotListSummary(slQuery, slScope),
    listShotListFornecedores(slScope),
    isAdmin ? loadShotListScope({}) : Promise.resolve(null),
  ]);
  const angleNames = [...new Set(slScope.lists.flatMap((l) => l.angles.map((a) => a.name)))];
  const slFilter = Object.fromEntries(
    Object.entries({ ...raw, fornecedor: slRaw.fornecedor, incomplete: slRaw.incomplete }).filter(
      ([k, v]) => k !== "cursor" && k !== "q" && typeof v === "string" && v !== "",
    ),
  ) as Record<string, string>;
  const pageParams = new URLSearchParams(
    Object.entries({ ...raw, ...slRaw }).filter(([k]) => k !== "slCursor" && k !== "cursor"),
  );
  const filterParams = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "cursor"));
  const coverageFilter = Object.fromEntries(
    Object.entries(raw).filter(([k]) => k === "brandId" || k === "collectionId"),
  ) as Record<string, string>;
  // The coverage counters give the report's row count, unless a categoria or a search narrows it.
  const missingRows = query.categoria || query.q ? null : coverage.reduce((sum, row) => sum + row.skusWithoutPhoto, 0);

  const coverageColumns: DataTableColumn<CoverageRow>[] = [
    { key: "brand", header: t("columns.brand"), cell: (r) => r.brandName },
    { key: "collection", header: t("columns.collection"), cell: (r) => r.collectionName },
    { key: "total", header: t("columns.total"), className: "tabular-nums", cell: (r) => format.number(r.totalSkus) },
    {
      key: "withPhoto",
      header: t("columns.withPhoto"),
      className: "tabular-nums",
      cell: (r) => format.number(r.skusWithPhoto),
    },
    {
      key: "withoutPhoto",
      header: t("columns.withoutPhoto"),
      className: "tabular-nums",
      cell: (r) => format.number(r.skusWithoutPhoto),
    },
    {
      key: "percent",
      header: t("columns.percent"),
      className: "w-48",
      cell: (r) => (
        <>
          <span className="mb-1 block tabular-nums">{t("percent", { percent: r.percent })}</span>
          <CoverageBar
            percent={r.percent}
            label={t("progressLabel", { collection: r.collectionName, percent: r.percent })}
          />
        </>
      ),
    },
  ];
  const missingColumns: DataTableColumn<MissingRow>[] = [
    {
      key: "sku",
      header: t("missingColumns.sku"),
      className: "font-mono",
      cell: (p) => (
        <Link href={`/produtos/${p.id}`} className="text-accent-300 underline-offset-2 hover:underline">
          {p.sku}
        </Link>
      ),
    },
    { key: "nomePeca", header: t("missingColumns.nomePeca"), cell: (p) => p.nomePeca ?? "—" },
    { key: "categoria", header: t("missingColumns.categoria"), cell: (p) => p.categoria ?? "—" },
    { key: "cor", header: t("missingColumns.cor"), cell: (p) => p.cor ?? "—" },
    { key: "brand", header: t("missingColumns.brand"), cell: (p) => p.brandName ?? "—" },
    { key: "collection", header: t("missingColumns.collection"), cell: (p) => p.collectionName },
  ];

  return (
    <>
      <PageHeader title={t("reportTitle")} description={t("reportDescription")} />
      <form method="get" className="glass mb-8 grid gap-4 rounded-2xl p-5 md:grid-cols-4 md:items-end xl:grid-cols-7">
        <FilterSelect
          id="brandId"
          name="brandId"
          label={t("filters.brand")}
          emptyOption={t("filters.all")}
          options={brands.map((b) => ({ value: b.id, label: b.name }))}
          defaultValue={query.brandId ?? ""}
        />
        <FilterSelect
          id="collectionId"
          name="collectionId"
          label={t("filters.collection")}
          emptyOption={t("filters.all")}
          options={collections.map((c) => ({ value: c.id, label: `${c.brand.name} · ${c.name}` }))}
          defaultValue={query.collectionId ?? ""}
        />
        <FilterSelect
          id="categoria"
          name="categoria"
          label={t("filters.categoria")}
          emptyOption={t("filters.all")}
          options={categorias.map((c) => ({ value: c, label: c }))}
          defaultValue={query.categoria ?? ""}
        />
        <TextField id="q" name="q" type="search" label={t("filters.search")} defaultValue={query.q ?? ""} />
        <FilterSelect
          id="fornecedor"
          name="fornecedor"
          label={tsl("filters.fornecedor")}
          emptyOption={t("filters.all")}
          options={fornecedores.map((f) => ({ value: f, label: f }))}
          defaultValue={slQuery.fornecedor ?? ""}
        />
        <label className="flex h-11 items-center gap-2 self-end text-sm text-slate-100">
          <input
            type="checkbox"
            name="incomplete"
            value="true"
            defaultChecked={slQuery.incomplete === true}
            className="size-4 accent-accent-500"
          />
          {tsl("filters.incomplete")}
        </label>
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("secondary")}>
            {t("filters.apply")}
          </button>
          <Link href="/relatorios/cobertura" className={buttonClasses("ghost")}>
            {t("filters.clear")}
          </Link>
        </div>
      </form>

      <section aria-labelledby="coverage-title" className="mb-10">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 id="coverage-title" className="text-lg font-semibold text-white">
            {t("title")}
          </h2>
          <ExportMenu
            selection={{ endpoint: "/api/v1/reports/coverage/export", params: coverageFilter }}
            rows={coverage.length}
            showMetadata={false}
            testId="coverage-export"
          />
        </div>
        <DataTable
          columns={coverageColumns}
          rows={coverage}
          rowKey={(r) => r.collectionId}
          empty={t("cardEmpty")}
          ariaLabelledBy="coverage-title"
        />
      </section>

      <section aria-labelledby="shot-list-title" className="mb-10" data-testid="shot-list-section">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
          <h2 id="shot-list-title" className="text-lg font-semibold text-white">
            {tsl("title")}
          </h2>
          {slScope.lists.length > 0 ? (
            <ExportMenu
              selection={{ endpoint: "/api/v1/reports/shot-list/export", params: slFilter }}
              rows={slQuery.incomplete ? null : slSummary.totals.totalSkus}
              formats={["csv", "xlsx", "json"]}
              showMetadata={false}
              testId="shot-list-export"
            />
          ) : null}
        </div>
        <p className="mb-4 max-w-3xl text-sm text-slate-300">{tsl("description")}</p>
        {slScope.lists.length === 0 ? (
          <p className="glass mb-4 rounded-2xl p-5 text-sm text-slate-200">
            {isAdmin ? tsl("noLists") : tsl("noListsViewer")}
          </p>
        ) : (
          <>
            <ShotListSummaryPanels summary={slSummary} />
            <ShotListMatrix rows={matrix.items} angleNames={angleNames} />
            <nav className="mt-4 flex gap-3" aria-label={tsl("pagination")}>
              {slQuery.cursor ? (
                <Link className={buttonClasses("ghost", "sm")} href={`/relatorios/cobertura?${pageParams.toString()}`}>
                  {tsl("first")}
                </Link>
              ) : null}
              {matrix.nextCursor ? (
                <Link
                  className={buttonClasses("secondary", "sm")}
                  href={`/relatorios/cobertura?${new URLSearchParams({ ...Object.fromEntries(pageParams), slCursor: matrix.nextCursor }).toString()}`}
                >
                  {tsl("next")}
                </Link>
              ) : null}
            </nav>
          </>
        )}
        {editorScope ? (
          <ShotListEditor
            collections={collections.map((c) => ({ id: c.id, label: `${c.brand.name} · ${c.name}` }))}
            categorias={categorias}
            lists={editorScope.lists}
            initialCollectionId={query.collectionId}
            isInitiallyOpen={editorScope.lists.length === 0}
          />
        ) : null}
      </section>

      <section aria-labelledby="missing-title">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 id="missing-title" className="text-lg font-semibold text-white">
            {t("missingTitle")}
          </h2>
          <ExportMenu
            selection={{ endpoint: "/api/v1/reports/skus-sem-foto", params: Object.fromEntries(filterParams) }}
            rows={missingRows}
            showMetadata={false}
            testId="skus-sem-foto-export"
          />
        </div>
        <DataTable
          columns={missingColumns}
          rows={missing.items}
          empty={t("missingEmpty")}
          ariaLabelledBy="missing-title"
        />
        <nav className="mt-4 flex gap-3" aria-label={t("missingTitle")}>
          {query.cursor ? (
            <Link className={buttonClasses("ghost", "sm")} href={`/relatorios/cobertura?${filterParams.toString()}`}>
              {t("first")}
            </Link>
          ) : null}
          {missing.nextCursor ? (
            <Link
              className={buttonClasses("secondary", "sm")}
              href={`/relatorios/cobertura?${new URLSearchParams({ ...Object.fromEntries(filterParams), cursor: missing.nextCursor }).toString()}`}
            >
              {t("next")}
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
