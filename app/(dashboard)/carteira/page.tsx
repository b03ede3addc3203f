import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CarteiraImporter } from "@/components/carteira/carteira-importer";
import { ImportHistoryTable } from "@/components/carteira/import-history-table";
import { PageHeader } from "@/components/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listCarteiraImports } from "@/lib/carteira/import/list-carteira-imports";
import { listBrands, listCollections } from "@/lib/catalog/brands-and-collections";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.carteira");
  return { title: t("title") };
}

export default async function CarteiraPage() {
  const user = await requireUser();
  const t = await getTranslations("pages.carteira");
  const tc = await getTranslations("carteira");
  const canImport = hasRole(user.role, "EDITOR");
  const [history, brands, collections] = await Promise.all([
    listCarteiraImports({ limit: 20 }),
    canImport ? listBrands() : Promise.resolve([]),
    canImport ? listCollections() : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-8">
        {canImport ? (
          <CarteiraImporter
            brands={brands.map((b) => ({ id: b.id, name: b.name }))}
            collections={collections.map((c) => ({
              id: c.id,
              name: `${c.brand.name} · ${c.name}`,
              brandId: c.brandId,
            }))}
          />
        ) : (
          <p className="glass rounded-2xl p-6 text-sm text-slate-300">{tc("upload.readOnly")}</p>
        )}
        <ImportHistoryTable items={history.items} />
      </div>
    </>
  );
}
