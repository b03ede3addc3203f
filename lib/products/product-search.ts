import "server-only";
import type { Prisma } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";

/**
 * The products a search box finds: a SKU starting with `q` (compared by its key, so case, accents and
 * separators do not matter: "vd24 0001" finds VD24-0001) or a nome_peca containing it. The key's
 * prefix covers what `sku ILIKE 'q%'` finds (normalizeSkuKey works character by character), and is
 * answered by the key's trigram index; `q` with no letter or digit searches the name only.
 */
export function productSearchWhere(q: string): Prisma.ProductWhereInput {
  const key = normalizeSkuKey(q);
  const byName: Prisma.ProductWhereInput = { nomePeca: { contains: q, mode: "insensitive" } };
  return key ? { OR: [{ skuKey: { startsWith: key } }, byName] } : byName;
}
