import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ProductCreateForm } from "@/components/products/product-create-form";
import { labelClass, selectClass } from "@/components/products/form-styles";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listCollections } from "@/lib/catalog/brands-and-collections";
import { listProducts } from "@/lib/products/list-products";
import { productListQuerySchema } from "@/lib/products/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("products");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProdutosPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = productListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : productListQuerySchema.parse({});
  const [t, format, page, collections] = await Promise.all([getTranslations("products"), getFormatter(), listProducts(query), listCollections()]);
  const collectionOptions = collections.map((c) => ({ id: c.id, name: c.name, brandName: c.brand.name }));
  const nextHref = page.nextCursor ? `/produtos?${new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()}` : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {hasRole(user.role, "EDITOR") ? <ProductCreateForm collections={collectionOptions} /> : null}
      <form method="get" role="search" className="mb-6 grid gap-4 md:grid-cols-[2fr_1fr_auto] md:items-end">
        <TextField id="q" name="q" type="search" label={t("search")} defaultValue={query.q ?? ""} />
        <div className="space-y-1.5">
          <label htmlFor="collectionId" className={labelClass}>{t("collection")}</label>
          <select id="collectionId" name="collectionId" defaultValue={query.collectionId ?? ""} className={selectClass}>
            <option value="">{t("allCollections")}</option>
            {collectionOptions.map((c) => (
              <option key={c.id} value={c.id}>{`${c.brandName} · ${c.name}`}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses("secondary")}>{t("filter")}</button>
      </form>
      <div className="glass overflow-x-auto rounded-2xl p-2">
        {page.items.length === 0 ? (
          <p className="p-6 text-sm text-slate-300">{t("empty")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-300">
              <tr>
                {(["sku", "nomePeca", "categoria", "cor", "brand", "collection", "photos"] as const).map((c) => (
                  <th key={c} scope="col" className="p-3 font-medium">{t(`columns.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-white/10 text-slate-100">
              {page.items.map((p) => (
                <tr key={p.id}>
                  <td className="whitespace-nowrap p-3 font-mono">
                    <Link href={`/produtos/${p.id}`} className="text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-400">
                      {p.sku}
                    </Link>
                  </td>
                  <td className="p-3">{p.nomePeca ?? t("none")}</td>
                  <td className="p-3">{p.categoria ?? t("none")}</td>
                  <td className="p-3">{p.cor ?? t("none")}</td>
                  <td className="p-3">{p.brandName ?? t("none")}</td>
                  <td className="p-3">{p.collectionName ?? t("none")}</td>
                  <td className="p-3 tabular-nums">{format.number(p.imageCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <nav className="mt-4 flex gap-3" aria-label={t("title")}>
        {query.cursor ? <Link className={buttonClasses("ghost", "sm")} href={`/produtos?${new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "cursor")).toString()}`}>{t("first")}</Link> : null}
        {nextHref ? <Link className={buttonClasses("secondary", "sm")} href={nextHref}>{t("next")}</Link> : null}
      </nav>
    </>
  );
}
