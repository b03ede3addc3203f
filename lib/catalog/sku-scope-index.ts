import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { buildSkuIndex, type SkuIndex } from "@/lib/sku";

/**
 * The carteira SKUs a photo of a given collection/brand is matched against (MATCH_SCOPE), as a
 * matcher index. Cached per scope and invalidated by the scope's product count + last update, so
 * a batch of 20,000 photos builds the index once, and a new carteira import is seen at once.
 */
export type MatchScope = { collectionId: string | null; brandId: string | null };

type CacheEntry = { stamp: string; index: SkuIndex; skuToProductId: Map<string, string> };
const cache = new Map<string, CacheEntry>();

function scopeWhere(scope: MatchScope) {
  const mode = getEnv().MATCH_SCOPE;
  if (mode === "all") return { key: "all", where: {} };
  if (mode === "brand" && scope.brandId) return { key: `brand:${scope.brandId}`, where: { brandId: scope.brandId } };
  if (scope.collectionId)
    return { key: `collection:${scope.collectionId}`, where: { collectionId: scope.collectionId } };
  // A batch without a collection matches nothing automatically: collection-scoped matching is the rule.
  return null;
}

export async function getSkuIndexForScope(scope: MatchScope): Promise<CacheEntry | null> {
  const target = scopeWhere(scope);
  if (!target) return null;
  const prisma = getPrisma();
  const agg = await prisma.product.aggregate({
    where: target.where,
    _count: { _all: true },
    _max: { updatedAt: true },
  });
  const stamp = `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
  const cached = cache.get(target.key);
  if (cached?.stamp === stamp) return cached;
  const products = await prisma.product.findMany({ where: target.where, select: { id: true, sku: true } });
  const entry: CacheEntry = {
    stamp,
    index: buildSkuIndex(products.map((p) => p.sku)),
    skuToProductId: new Map(products.map((p) => [p.sku, p.id])),
  };
  cache.set(target.key, entry);
  return entry;
}

export function clearSkuIndexCache(): void {
  cache.clear();
}
