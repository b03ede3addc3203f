import "server-only";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { productSearchWhere } from "./product-search";
import type { ProductListQuery } from "./schemas";

export type ProductListItem = {
  id: string;
  sku: string;
  nomePeca: string | null;
  categoria: string | null;
  cor: string | null;
  brandName: string | null;
  collectionName: string | null;
  imageCount: number;
};

/**
 * Products ordered by SKU with keyset pagination (`cursor` = last SKU of the previous page), so
 * page N costs the same as page 1. `q` matches a SKU prefix (exact or normalised) or the name.
 */
export async function listProducts(
  query: ProductListQuery,
): Promise<{ items: ProductListItem[]; nextCursor: string | null }> {
  const where: Prisma.ProductWhereInput = {};
  const and: Prisma.ProductWhereInput[] = [];
  if (query.collectionId) and.push({ collectionId: query.collectionId });
  if (query.brandId) and.push({ brandId: query.brandId });
  if (query.sku) and.push({ sku: query.sku });
  if (query.q) and.push(productSearchWhere(query.q));
  if (query.cursor) and.push({ sku: { gt: query.cursor } });
  if (and.length > 0) where.AND = and;
  const rows = await getPrisma().product.findMany({
    where,
    orderBy: { sku: "asc" },
    take: query.limit + 1,
    select: {
      id: true,
      sku: true,
      nomePeca: true,
      categoria: true,
      cor: true,
      brand: { select: { name: true } },
      collection: { select: { name: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  // Only processed photos count; a failed one linked by its filename is no photo of the SKU. Counted
  // for the page's products alone: Prisma's `_count` joined a count of every image in the bank.
  const counts = await getPrisma().image.groupBy({
    by: ["productId"],
    where: { productId: { in: page.map((p) => p.id) }, processingStatus: "READY" },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.productId, c._count._all]));
  return {
    items: page.map((p) => ({
      id: p.id,
      sku: p.sku,
      nomePeca: p.nomePeca,
      categoria: p.categoria,
      cor: p.cor,
      brandName: p.brand?.name ?? null,
      collectionName: p.collection?.name ?? null,
      imageCount: countOf.get(p.id) ?? 0,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.sku ?? null) : null,
  };
}
