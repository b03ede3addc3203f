import { getPrisma, Prisma } from "@/lib/db/client";

/** The words the prompt offers the model (VisionContext["vocabulary"] in lib/ai/provider). */
export type Vocabulary = { tipoPeca: string[]; categoria: string[]; cor: string[] };

/** Most values of each field given to the model (most frequent first): bounds the prompt's size. */
export const VOCABULARY_LIMIT = 200;
/** A run asks once per photo; the carteira changes by imports, so a short cache is enough. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 200;

const cache = new Map<string, { at: number; value: Vocabulary }>();

/** Forget the cached vocabularies (a carteira import that changed the values, tests). */
export function clearVocabularyCache(): void {
  cache.clear();
}

/**
 * The carteira's own words for the prompt: the distinct non-empty `tipoPeca`, `categoria` and `cor`
 * of the collection's products (trimmed; spelled as the carteira spells them), most frequent first,
 * at most VOCABULARY_LIMIT each. A photo without a collection gets the most frequent values over the
 * whole carteira (every brand). Cached per collection for CACHE_TTL_MS in this process.
 */
export async function collectionVocabulary(collectionId: string | null): Promise<Vocabulary> {
  const cacheKey = collectionId ?? "*";
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.value;

  const scope = collectionId ? Prisma.sql`p."collectionId" = ${collectionId}::uuid` : Prisma.sql`TRUE`;
  const column = (name: "tipoPeca" | "categoria" | "cor") => Prisma.raw(`p."${name}"`);
  const part = (name: "tipoPeca" | "categoria" | "cor") => Prisma.sql`
    (SELECT ${name}::text AS field, btrim(${column(name)}) AS value, count(*)::int AS n
     FROM "Product" p
     WHERE ${scope} AND btrim(${column(name)}) <> ''
     GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT ${VOCABULARY_LIMIT})`;
  const rows = await getPrisma().$queryRaw<{ field: keyof Vocabulary; value: string; n: number }[]>`
    ${part("tipoPeca")} UNION ALL ${part("categoria")} UNION ALL ${part("cor")}`;

  const value: Vocabulary = { tipoPeca: [], categoria: [], cor: [] };
  rows.sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (const row of rows) value[row.field].push(row.value);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, { at: Date.now(), value });
  return value;
}
