import { getPrisma, Prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import { AI_STATUS_SQL } from "./ai-status";
import type { ImageFilter } from "./schemas";

/** The dimensions the facets count; each facet leaves its own filter out. */
export type FacetDimension = "status" | "matchStatus" | "processingStatus" | "aiStatus" | "brandId" | "collectionId";

/**
 * Words of 5+ letters (no digits: a SKU must match as typed) also match a misspelling: when the
 * search as typed finds nothing, each such word is searched with the bank's words whose pg_trgm word
 * similarity to it is ≥ FUZZY_THRESHOLD (withFuzzySearch). pg_trgm's default (0.6) misses one wrong
 * letter inside a 6-letter word ("jaquta" → "jaqueta" is 0.57); shorter words would match noise.
 */
const FUZZY_MIN_LENGTH = 5;
const FUZZY_THRESHOLD = 0.5;
/** Close words searched per misspelt word, the closest first. */
const MAX_CORRECTIONS = 10;
const isFuzzyWord = (word: string) => [...word].length >= FUZZY_MIN_LENGTH && !/\d/.test(word);

/** For each misspellable word of a search (as typed), the bank's words close to it (normalised). */
export type SearchCorrections = ReadonlyMap<string, readonly string[]>;

const containsSql = (normalizedWord: string) => Prisma.sql`i."searchText" LIKE ${`%${escapeLike(normalizedWord)}%`}`;

/**
 * One search word, in the photo's stored search text: its own text (file name, sku_base, AI and
 * editorial text) and its product's SKU and nome_peca, normalised and kept by the writes (the
 * image_search_text migration). One column with one trigram index, so the planner picks per word:
 * a bitmap of the index for a rare word, or the id order filtered row by row (a LIKE over a stored
 * string) for a common one, which stops at the page's last row. Before, the text was computed per
 * row by a function that cannot be inlined and the product side was a productId = ANY (thousands
 * of ids) per row: 0.35–2 s for common words at 1,000,000 photos. With `corrections`, the word or
 * any of its close words (each a plain LIKE too).
 */
function searchWordCondition(word: string, corrections: SearchCorrections | undefined): Prisma.Sql {
  const asTyped = Prisma.sql`i."searchText" LIKE ('%' || vitrine_search_normalize(${escapeLike(word)}) || '%')`;
  const close = corrections?.get(word) ?? [];
  if (close.length === 0) return asTyped;
  return Prisma.sql`(${Prisma.join([asTyped, ...close.map(containsSql)], " OR ")})`;
}

/** Products whose carteira `column` equals `value`, compared case- and accent-insensitively. */
function productFieldCondition(column: "categoria" | "tipoPeca" | "cor", value: string): Prisma.Sql {
  return Prisma.sql`i."productId" IN (SELECT p."id" FROM "Product" p WHERE vitrine_search_normalize(p.${Prisma.raw(`"${column}"`)}) = vitrine_search_normalize(${value}))`;
}

/** A day (`2026-03-01`) is the whole UTC day; an instant is itself. `to` is exclusive for an instant. */
function dateBound(value: string, edge: "from" | "to"): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return edge === "to" ? new Date(day.getTime() + 24 * 60 * 60 * 1000) : day;
  }
  return new Date(value);
}

/**
 * SQL conditions (over the image alias `i`) for the catalog filters, ANDed by the caller.
 * `omit` leaves one facet dimension out; `withoutBatch` leaves the batch out for callers that walk
 * the batch's uploads themselves; `corrections` lets search words match their close words (withFuzzySearch). A batch's photos are the ones it received (BatchUpload), so a
 * photo first stored by another batch is in both.
 */
export function imageFilterConditions(
  filter: ImageFilter,
  options: { omit?: FacetDimension; withoutBatch?: boolean; corrections?: SearchCorrections } = {},
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  const keep = (dimension: FacetDimension) => options.omit !== dimension;
  if (filter.batchId && !options.withoutBatch)
    conditions.push(
      Prisma.sql`i."id" IN (SELECT u."imageId" FROM "BatchUpload" u WHERE u."batchId" = ${filter.batchId}::uuid)`,
    );
  if (filter.brandId && keep("brandId")) conditions.push(Prisma.sql`i."brandId" = ${filter.brandId}::uuid`);
  if (filter.collectionId && keep("collectionId"))
    conditions.push(Prisma.sql`i."collectionId" = ${filter.collectionId}::uuid`);
  if (filter.status && keep("status")) conditions.push(Prisma.sql`i."status" = ${filter.status}::"ImageStatus"`);
  if (filter.matchStatus && keep("matchStatus"))
    conditions.push(Prisma.sql`i."matchStatus" = ${filter.matchStatus}::"MatchStatus"`);
  if (filter.processingStatus && keep("processingStatus"))
    conditions.push(Prisma.sql`i."processingStatus" = ${filter.processingStatus}::"ProcessingStatus"`);
  if (filter.aiStatus && keep("aiStatus"))
    conditions.push(Prisma.sql`(${Prisma.raw(AI_STATUS_SQL)}) = ${filter.aiStatus}`);
  // The SKU is unique: a scalar subquery (run once, as an InitPlan) lets the two sides of the OR use
  // the sku_base and productId indexes together; `IN (SELECT …)` had the planner walk the id order
  // of the whole table (0.5–1 s at 1,000,000 photos).
  if (filter.sku)
    conditions.push(
      Prisma.sql`(i."skuBase" = ${filter.sku} OR i."productId" = (SELECT p."id" FROM "Product" p WHERE p."sku" = ${filter.sku}))`,
    );
  if (filter.hasProduct !== undefined)
    conditions.push(filter.hasProduct ? Prisma.sql`i."productId" IS NOT NULL` : Prisma.sql`i."productId" IS NULL`);
  // A partial index ("Image_ai_divergent_idx", ai_vision migration) holds the divergent photos.
  if (filter.aiDivergence !== undefined)
    conditions.push(
      filter.aiDivergence
        ? Prisma.sql`cardinality(i."aiDivergences") > 0`
        : Prisma.sql`cardinality(i."aiDivergences") = 0`,
    );
  if (filter.color)
    conditions.push(
      Prisma.sql`(vitrine_search_normalize(i."aiColor") = vitrine_search_normalize(${filter.color}) OR ${productFieldCondition("cor", filter.color)})`,
    );
  if (filter.categoria) conditions.push(productFieldCondition("categoria", filter.categoria));
  if (filter.tipoPeca) conditions.push(productFieldCondition("tipoPeca", filter.tipoPeca));
  if (filter.from) conditions.push(Prisma.sql`i."createdAt" >= ${dateBound(filter.from, "from")}`);
  if (filter.to) conditions.push(Prisma.sql`i."createdAt" < ${dateBound(filter.to, "to")}`);
  for (const word of filter.q?.split(/\s+/).filter(Boolean) ?? [])
    conditions.push(searchWordCondition(word, options.corrections));
  return conditions;
}

/** The conditions as one WHERE body (`TRUE` when there are none). */
export function whereOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

export type QueryClient = Pick<Prisma.TransactionClient, "$queryRaw">;

/** The planner's estimate of the photos matching `conditions` (EXPLAIN: nothing runs). */
export async function estimateMatchingRows(db: QueryClient, conditions: Prisma.Sql[]): Promise<number> {
  const plan = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM "Image" i WHERE ${whereOf(conditions)}`;
  return plan[0]?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}

/**
 * Runs a search again with its misspellings corrected: for each misspellable word of `q`, the words
 * of the bank close to it, from the "SearchWord" table the writes keep (search_words migration),
 * looked up in a transaction that sets, for it alone (SET LOCAL), the word-similarity threshold the
 * `%>` index condition uses and a statement timeout. Callers use it only when the search as typed
 * found nothing, so a typo costs one lookup and one more search (as fast as one as typed) and a
 * normal search none. When `q` has no misspellable word (none, or no search at all), no word has a
 * close word, or the lookup times out, `nothing` is the answer and the search does not run again.
 */
export async function withFuzzySearch<T>(
  q: string | undefined,
  search: (corrections: SearchCorrections) => Promise<T>,
  nothing: T,
): Promise<T> {
  const words = [...new Set(q?.split(/\s+/).filter(isFuzzyWord) ?? [])];
  if (words.length === 0) return nothing;
  let rows: { typed: string; close: string[] }[];
  try {
    rows = await getPrisma().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true),
        set_config('statement_timeout', ${String(FUZZY_STATEMENT_TIMEOUT_MS)}, true)`;
      return tx.$queryRaw<{ typed: string; close: string[] }[]>`
        SELECT q.typed, array(
            SELECT s."word" FROM (SELECT DISTINCT w."word" FROM "SearchWord" w WHERE w."word" %> n.norm) s
            ORDER BY word_similarity(n.norm, s."word") DESC, s."word" LIMIT ${MAX_CORRECTIONS}) AS close
        FROM unnest(${words}::text[]) AS q(typed) CROSS JOIN LATERAL (SELECT vitrine_search_normalize(q.typed) AS norm) n`;
    });
  } catch (error) {
    if (isStatementTimeout(error)) return nothing;
    throw error;
  }
  const corrections = new Map(rows.filter((r) => r.close.length > 0).map((r) => [r.typed, r.close]));
  return corrections.size > 0 ? search(corrections) : nothing;
}

const FUZZY_STATEMENT_TIMEOUT_MS = 2_000;

function isStatementTimeout(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /57014|canceling statement due to statement timeout/i.test(text);
}
