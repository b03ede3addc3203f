import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ContentPanel } from "@/components/content/content-panel";
import { PageHeader } from "@/components/page-header";
import { ProductDetails } from "@/components/products/product-details";
import { ProductEditForm } from "@/components/products/product-edit-form";
import { ProductHistory } from "@/components/products/product-history";
import { ProductPhotos } from "@/components/products/product-photos";
import { buttonClasses } from "@/components/ui/button";
import { ApiError } from "@/lib/api/errors";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listCollections } from "@/lib/catalog/brands-and-collections";
import { getProductOrThrow } from "@/lib/products/get-product";

type Params = Promise<{ id: string }>;

async function loadProduct(id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await getProductOrThrow(id);
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations("products");
  const product = z.uuid().safeParse(id).success ? await getProductOrThrow(id).catch(() => null) : null;
  return { title: product ? `${product.sku} · ${t("title")}` : t("title") };
}

export default async function ProductPage({ params }: { params: Params }) {
  const user = await requireUser();
  const { id } = await params;
  const [product, collections, t, format] = await Promise.all([
    loadProduct(id),
    listCollections(),
    getTranslations("products"),
    getFormatter(),
  ]);
  const canEdit = hasRole(user.role, "EDITOR");
  const fields = {
    sku: product.sku,
    nomePeca: product.nomePeca ?? "",
    categoria: product.categoria ?? "",
    subcategoria: product.subcategoria ?? "",
    tipoPeca: product.tipoPeca ?? "",
    origem: product.origem ?? "",
    cor: product.cor ?? "",
  };
  const subtitle = [product.nomePeca, product.brand?.name, product.collection?.name].filter(Boolean).join(" · ");
  return (
    <>
      <PageHeader
        title={product.sku}
        description={subtitle || undefined}
        actions={
          <Link href="/produtos" className={buttonClasses("ghost", "sm")}>
            {t("back")}
          </Link>
        }
      />
      <div className="space-y-10">
        {canEdit ? (
          <ProductEditForm
            productId={product.id}
            collections={collections.map((c) => ({ id: c.id, name: c.name, brandName: c.brand.name }))}
            initial={{ ...fields, collectionId: product.collection?.id ?? "" }}
          />
        ) : (
          <ProductDetails
            values={fields}
            collectionLabel={
              product.collection ? [product.brand?.name, product.collection.name].filter(Boolean).join(" · ") : null
            }
          />
        )}
        <section aria-labelledby="photos-title">
          <h2 id="photos-title" className="mb-4 text-lg font-semibold text-white">
            {t("photos", { count: format.number(product.photoCount) })}
          </h2>
          <ProductPhotos
            productId={product.id}
            canEdit={canEdit}
            groups={product.photoGroups.map((g) => ({
              sequence: g.sequence,
              photos: g.photos.map((p) => ({
                id: p.id,
                originalName: p.originalName,
                status: p.status,
                processingStatus: p.processingStatus,
                processingError: p.processingError,
                processingErrorCode: p.processingErrorCode,
                isOtherCollection: p.isOtherCollection,
              })),
            }))}
          />
        </section>
        <ContentPanel owner={{ kind: "product", id: product.id }} canEdit={canEdit} />
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="mb-4 text-lg font-semibold text-white">
            {t("history")}
          </h2>
          <ProductHistory entries={product.history} />
        </section>
      </div>
    </>
  );
}
