import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { labelClass, selectClass } from "@/components/products/form-styles";
import { CoverageBar } from "@/components/reports/coverage-bar";
import { buttonClasses } from "@/components/ui/button";
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

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FILTER_KEYS = ["brandId", "collectionId", "categoria", "q"] as const;

export default async function RelatoriosPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  const sp = await searchParams;
  const raw = Object.fromEntries([...FILTER_KEYS, "cursor"].flatMap((k) => (typeof sp[k] === "string" && sp[k] ? [[k, sp[k]]] : []))) as Record<string, string>;
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

  return (
    <>
      <PageHeader
        title={t("reportTitle")}
        description={t("reportDescription")}
        actions={
          <a href={`/api/v1/reports/skus-sem-foto.csv?${csvParams.toString()}`} className={buttonClasses("primary", "sm")} download>
            <DownloadIcon className="size-4" /> {t("exportCsv")}
          </a>
        }
      />
      <form method="get" className="glass mb-8 grid gap-4 rounded-2xl p-5 md:grid-cols-5 md:items-end">
        <div className="space-y-1.5">
          <label htmlFor="brandId" className={labelClass}>{t("filters.brand")}</label>
          <select id="brandId" name="brandId" defaultValue={query.brandId ?? ""} className={selectClass}>
            <option value="">{t("filters.all")}</option>
            {brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="collectionId" className={labelClass}>{t("filters.collection")}</label>
          <select id="collectionId" name="collectionId" defaultValue={query.collectionId ?? ""} className={selectClass}>
            <option value="">{t("filters.all")}</option>
            {collections.map((c) => <option key={c.id} value={c.id}>{`${c.brand.name} · ${c.name}`}</option>)}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="categoria" className={labelClass}>{t("filters.categoria")}</label>
          <select id="categoria" name="categoria" defaultValue={query.categoria ?? ""} className={selectClass}>
            <option value="">{t("filters.all")}</option>
            {categorias.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <TextField id="q" name="q" type="search" label={t("filters.search")} defaultValue={query.q ?? ""} />
        <div className="flex gap-2">
          <button type="submit" className={buttonClasses("secondary")}>{t("filters.apply")}</button>
          <Link href="/relatorios" className={buttonClasses("ghost")}>{t("filters.clear")}</Link>
        </div>
      </form>

      <section aria-labelledby="coverage-title" className="mb-10">
        <h2 id="coverage-title" className="mb-4 text-lg font-semibold text-white">{t("title")}</h2>
        <div className="glass overflow-x-auto rounded-2xl p-2">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-300">
              <tr>
                {(["brand", "collection", "total", "withPhoto", "withoutPhoto", "percent"] as const).map((c) => (
                  <th key={c} scope="col" className="p-3 font-medium">{t(`columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-white/10 text-slate-100">
              {coverage.length === 0 ? (
                <tr><td colSpan={6} className="p-4 text-slate-300">{t("cardEmpty")}</td></tr>
              ) : (
                coverage.map((r) => (
                  <tr key={r.collectionId}>
                    <td className="p-3">{r.brandName}</td>
                    <td className="p-3">{r.collectionName}</td>
                    <td className="p-3 tabular-nums">{format.number(r.totalSkus)}</td>
                    <td className="p-3 tabular-nums">{format.number(r.skusWithPhoto)}</td>
                    <td className="p-3 tabular-nums">{format.number(r.skusWithoutPhoto)}</td>
                    <td className="w-48 p-3">
                      <span className="mb-1 block tabular-nums">{t("percent", { percent: r.percent })}</span>
                      <CoverageBar percent={r.percent} label={t("progressLabel", { collection: r.collectionName, percent: r.percent })} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="missing-title">
        <h2 id="missing-title" className="mb-4 text-lg font-semibold text-white">{t("missingTitle")}</h2>
        <div className="glass overflow-x-auto rounded-2xl p-2">
          {missing.items.length === 0 ? (
            <p className="p-4 text-sm text-slate-300">{t("missingEmpty")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="text-slate-300">
                <tr>
                  {(["sku", "nomePeca", "categoria", "cor", "brand", "collection"] as const).map((c) => (
                    <th key={c} scope="col" className="p-3 font-medium">{t(`missingColumns.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-white/10 text-slate-100">
                {missing.items.map((p) => (
                  <tr key={p.id}>
                    <td className="p-3 font-mono">
                      <Link href={`/produtos/${p.id}`} className="text-accent-300 underline-offset-2 hover:underline">{p.sku}</Link>
                    </td>
                    <td className="p-3">{p.nomePeca ?? "—"}</td>
                    <td className="p-3">{p.categoria ?? "—"}</td>
                    <td className="p-3">{p.cor ?? "—"}</td>
                    <td className="p-3">{p.brandName ?? "—"}</td>
                    <td className="p-3">{p.collectionName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <nav className="mt-4 flex gap-3" aria-label={t("missingTitle")}>
          {query.cursor ? <Link className={buttonClasses("ghost", "sm")} href={`/relatorios?${filterParams.toString()}`}>{t("first")}</Link> : null}
          {missing.nextCursor ? (
            <Link className={buttonClasses("secondary", "sm")} href={`/relatorios?${new URLSearchParams({ ...Object.fromEntries(filterParams), cursor: missing.nextCursor }).toString()}`}>{t("next")}</Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
