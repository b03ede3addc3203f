import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { CoverageBar } from "@/components/reports/coverage-bar";
import { buttonClasses } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
import { DownloadIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import { requireUser } from "@/lib/auth/session";
import { listBrands, listCollections } from "@/lib/catalog/brands-and-collections";
import { getCoverage } from "@/lib/reports/coverage";
import { listCategorias, listSkusWithoutPhoto, skusWithoutPhotoQuerySchema } from "@/lib/reports/skus-without-photo";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("coverage");
  return { title: t("reportTitle") };
}

type CoverageRow = Awaited<ReturnType<typeof getCoverage>>[number];
type MissingRow = Awaited<ReturnType<typeof listSkusWithoutPhoto>>["items"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FILTER_KEYS = ["brandId", "collectionId", "categoria", "q"] as const;

export default async function RelatoriosPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const raw = Object.fromEntries(
    [...FILTER_KEYS, "cursor"].flatMap((k) => (typeof sp[k] === "string" && sp[k] ? [[k, sp[k]]] : [])),
  ) as Record<string, string>;
  const parsed = skusWithoutPhotoQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : skusWithoutPhotoQuerySchema.parse({});
  const [t, format, coverage, missing, brands, collections, categorias] = await Promise.all([
    getTranslations("coverage"),
    getFormatter(),
    getCoverage({ brandId: query.brandId, collectionId: query.collectionId }),
    listSkusWithoutPhoto(query),
    listBrands(),
    listCollections(query.brandId),
    listCategorias(),
  ]);
  const filterParams = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "cursor"));
  const csvParams = new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "cursor"));

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
      <PageHeader
        title={t("reportTitle")}
        description={t("reportDescription")}
        actions={
          <a
            href={`/api/v1/reports/skus-sem-foto.csv?${csvParams.toString()}`}
            className={buttonClasses("primary", "sm")}
            download
          >
            <DownloadIcon className="size-4" /> {t("exportCsv")}
          </a>
        }
      />
      <form method="get" className="glass mb-8 grid gap-4 rounded-2xl p-5 md:grid-cols-5 md:items-end">
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
        <h2 id="coverage-title" className="mb-4 text-lg font-semibold text-white">
          {t("title")}
        </h2>
        <DataTable
          columns={coverageColumns}
          rows={coverage}
          rowKey={(r) => r.collectionId}
          empty={t("cardEmpty")}
          ariaLabelledBy="coverage-title"
        />
      </section>

      <section aria-labelledby="missing-title">
        <h2 id="missing-title" className="mb-4 text-lg font-semibold text-white">
          {t("missingTitle")}
        </h2>
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
