import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";

/** At most this many distinct carteira values per select (a carteira has a few dozen categorias). */
const CARTEIRA_VALUES_LIMIT = 200;

type Option = { value: string; label: string };

/**
 * The choices of the catalog's filter bar: brands, every collection, recent batches, and the
 * carteira's categorias, tipos de peça and colours (distinct product values, which the filters
 * compare accent- and case-insensitively). Counts per value come from the facets endpoint.
 */
export async function listCatalogFilterOptions() {
  const prisma = getPrisma();
  const [brands, queue, categorias, tipos, colors] = await Promise.all([
    prisma.brand.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    listQueueFilterOptions(),
    distinctProductValues("categoria"),
    distinctProductValues("tipoPeca"),
    distinctProductValues("cor"),
  ]);
  const named = (rows: { id: string; name: string }[]): Option[] => rows.map((r) => ({ value: r.id, label: r.name }));
  return {
    brands: named(brands),
    collections: named(queue.collections),
    batches: named(queue.batches),
    categorias: categorias,
    tipos: tipos,
    colors: colors,
  };
}

export type CatalogFilterOptions = Awaited<ReturnType<typeof listCatalogFilterOptions>>;

async function distinctProductValues(column: "categoria" | "tipoPeca" | "cor"): Promise<Option[]> {
  const col = Prisma.raw(`p."${column}"`);
  // One spelling per normalized value ("Jeans" and "jeans" filter alike).
  const rows = await getPrisma().$queryRaw<{ value: string }[]>`
    SELECT DISTINCT ON (vitrine_search_normalize(${col})) btrim(${col}) AS value
    FROM "Product" p WHERE btrim(${col}) <> ''
    ORDER BY vitrine_search_normalize(${col}), 1 LIMIT ${CARTEIRA_VALUES_LIMIT}`;
  return rows.map((r) => ({ value: r.value, label: r.value }));
}
