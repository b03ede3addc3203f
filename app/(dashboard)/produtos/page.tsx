import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ProductCreateForm } from "@/components/products/product-create-form";
import { collectionOptions } from "@/components/products/collection-options";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
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

type ProductRow = Awaited<ReturnType<typeof listProducts>>["items"][number];
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProdutosPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""),
  ) as Record<string, string>;
  const parsed = productListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : productListQuerySchema.parse({});
  const [t, format, page, collections] = await Promise.all([
    getTranslations("products"),
    getFormatter(),
    listProducts(query),
    listCollections(),
  ]);
  const collectionChoices = collections.map((c) => ({ id: c.id, name: c.name, brandName: c.brand.name }));
  const nextHref = page.nextCursor
    ? `/produtos?${new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()}`
    : null;

  const none = t("none");
  const columns: DataTableColumn<ProductRow>[] = [
    {
      key: "sku",
      header: t("columns.sku"),
      className: "whitespace-nowrap font-mono",
      cell: (p) => (
        <Link
          href={`/produtos/${p.id}`}
          className="text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-400"
        >
          {p.sku}
        </Link>
      ),
    },
    { key: "nomePeca", header: t("columns.nomePeca"), cell: (p) => p.nomePeca ?? none },
    { key: "categoria", header: t("columns.categoria"), cell: (p) => p.categoria ?? none },
    { key: "cor", header: t("columns.cor"), cell: (p) => p.cor ?? none },
    { key: "brand", header: t("columns.brand"), cell: (p) => p.brandName ?? none },
    { key: "collection", header: t("columns.collection"), cell: (p) => p.collectionName ?? none },
    { key: "photos", header: t("columns.photos"), className: "tabular-nums", cell: (p) => format.number(p.imageCount) },
  ];

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {hasRole(user.role, "EDITOR") ? <ProductCreateForm collections={collectionChoices} /> : null}
      <form method="get" role="search" className="mb-6 grid gap-4 md:grid-cols-[2fr_1fr_auto] md:items-end">
        <TextField id="q" name="q" type="search" label={t("search")} defaultValue={query.q ?? ""} />
        <FilterSelect
          id="collectionId"
          name="collectionId"
          label={t("collection")}
          emptyOption={t("allCollections")}
          options={collectionOptions(collectionChoices)}
          defaultValue={query.collectionId ?? ""}
        />
        <button type="submit" className={buttonClasses("secondary")}>
          {t("filter")}
        </button>
      </form>
      <DataTable columns={columns} rows={page.items} empty={t("empty")} ariaLabel={t("title")} />
      <nav className="mt-4 flex gap-3" aria-label={t("title")}>
        {query.cursor ? (
          <Link
            className={buttonClasses("ghost", "sm")}
            href={`/produtos?${new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "cursor")).toString()}`}
          >
            {t("first")}
          </Link>
        ) : null}
        {nextHref ? (
          <Link className={buttonClasses("secondary", "sm")} href={nextHref}>
            {t("next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
