import "server-only";
import type { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import { CUSTOM_PLAN_MARKER } from "@/lib/db/statement-names";
import { aiStatusOf } from "./ai-status";
import { decodeImageCursor, encodeImageCursor, type ImageCursor, type ImageSort } from "./image-cursor";
import {
  estimateMatchingRows,
  imageFilterConditions,
  whereOf,
  withFuzzySearch,
  type QueryClient,
  type SearchCorrections,
} from "./image-filters";
import type { ImageListQuery, imagePageSchema, imageSchema } from "./schemas";

export const imageSelect = {
  id: true,
  batchId: true,
  collectionId: true,
  brandId: true,
  originalName: true,
  relativePath: true,
  contentType: true,
  bytes: true,
  width: true,
  height: true,
  format: true,
  sha256: true,
  perceptualHash: true,
  dominantColors: true,
  thumbnailKey: true,
  skuBase: true,
  sequence: true,
  matchStatus: true,
  matchScore: true,
  status: true,
  processingStatus: true,
  processingError: true,
  processingErrorCode: true,
  aiTitle: true,
  aiDescription: true,
  aiTags: true,
  aiColor: true,
  aiMaterial: true,
  aiAnalyzedAt: true,
  aiError: true,
  aiErrorCode: true,
  aiTipoPeca: true,
  aiStyle: true,
  aiSecondaryColors: true,
  aiConfidence: true,
  aiManualFields: true,
  aiDivergences: true,
  aiSource: true,
  aiModel: true,
  items: {
    orderBy: { position: "asc" },
    select: {
      position: true,
      description: true,
      category: true,
      color: true,
      material: true,
      boundingBox: true,
      confidence: true,
    },
  },
  createdAt: true,
  processedAt: true,
  product: {
    select: {
      id: true,
      sku: true,
      nomePeca: true,
      categoria: true,
      subcategoria: true,
      tipoPeca: true,
      origem: true,
      cor: true,
    },
  },
} satisfies Prisma.ImageSelect;

export type ImageRow = Prisma.ImageGetPayload<{ select: typeof imageSelect }>;

type ImagePage = z.infer<typeof imagePageSchema>;

/** The stored confidences as a map of numbers (anything else in the JSON is left out). */
function confidenceOf(raw: Prisma.JsonValue | null): Record<string, number | null> | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  return Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, number | null] => e[1] === null || typeof e[1] === "number"),
  );
}

function boundingBoxOf(raw: Prisma.JsonValue | null): { x: number; y: number; width: number; height: number } | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const { x, y, width, height } = raw as Record<string, unknown>;
  return typeof x === "number" && typeof y === "number" && typeof width === "number" && typeof height === "number"
    ? { x, y, width, height }
    : null;
}

export function presentImage(image: ImageRow, isDuplicate = false): z.infer<typeof imageSchema> {
  const { product, thumbnailKey, bytes, aiAnalyzedAt, aiError, aiConfidence, items, ...rest } = image;
  return {
    ...rest,
    aiStatus: aiStatusOf({ aiError, aiAnalyzedAt, status: image.status }),
    aiAnalyzedAt: aiAnalyzedAt?.toISOString() ?? null,
    aiError,
    aiConfidence: confidenceOf(aiConfidence),
    items: items.map((item) => ({ ...item, boundingBox: boundingBoxOf(item.boundingBox) })),
    bytes: Number(bytes),
    createdAt: image.createdAt.toISOString(),
    processedAt: image.processedAt?.toISOString() ?? null,
    isDuplicate,
    sku: product?.sku ?? null,
    productId: product?.id ?? null,
    carteira: product
      ? {
          nomePeca: product.nomePeca,
          categoria: product.categoria,
          subcategoria: product.subcategoria,
          tipoPeca: product.tipoPeca,
          origem: product.origem,
          cor: product.cor,
        }
      : null,
    thumbnailUrl: thumbnailKey ? `/api/v1/images/${image.id}/thumbnail` : null,
    originalUrl: `/api/v1/images/${image.id}/original`,
  };
}

/**
 * The catalog: images with their SKU and carteira fields, filtered (lib/images/image-filters.ts),
 * sorted and keyset-paginated; the cursor carries the sort key of the page's last row. The default
 * `arrival` order is by id (time-ordered UUIDv7). With `batchId` in arrival order, every image the
 * batch received is listed once, including the ones whose bytes were already in the bank
 * (`isDuplicate`); the duplicate files themselves are reported by the batch detail
 * (`getBatchOrThrow`), not as repeated images.
 */
export async function listImages(query: ImageListQuery): Promise<ImagePage> {
  const sort = query.sort ?? "arrival";
  const cursor = query.cursor ? decodeImageCursor(query.cursor, sort) : null;
  if (query.batchId && sort === "arrival") return listBatchImages(query.batchId, query, cursor?.id ?? null);
  const pageIds = async (db: QueryClient, corrections?: SearchCorrections) => {
    const conditions = imageFilterConditions(query, { corrections });
    if (cursor?.sort === "sku") return skuPageAfter(db, conditions, cursor, query.limit + 1, planPerCall(query));
    if (cursor) conditions.push(afterCursor(cursor));
    const source =
      !cursor && (await isNarrowDateRange(db, query, conditions))
        ? // OFFSET 0 keeps the planner from walking the page order: the matches are found first, then sorted.
          Prisma.sql`(SELECT i."id", i."skuBase", i."sequence", i."originalName" FROM "Image" i WHERE ${whereOf(conditions)} OFFSET 0) i`
        : Prisma.sql`"Image" i WHERE ${whereOf(conditions)}`;
    return db.$queryRaw<{ id: string }[]>`
      SELECT ${planPerCall(query)} i."id"::text AS id FROM ${source}
      ORDER BY ${ORDER_BY[sort]} LIMIT ${query.limit + 1}`;
  };
  let rows = await pageIds(getPrisma());
  // Nothing found as typed: a misspelling, perhaps. Stable across pages, since the exact search
  // finds nothing after any cursor either.
  if (rows.length === 0)
    rows = await withFuzzySearch(query.q, (corrections) => pageIds(getPrisma(), corrections), rows);
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const found = new Map((await findImages(ids)).map((i) => [i.id, i]));
  const page = ids.map((id) => found.get(id)).filter((i) => i !== undefined);
  const last = page[page.length - 1];
  return {
    items: page.map((i) => presentImage(i, query.batchId !== undefined && i.batchId !== query.batchId)),
    nextCursor: rows.length > query.limit && last ? encodeImageCursor(cursorOf(sort, last)) : null,
  };
}

/**
 * Up to this many photos in a date range (`from`/`to`) are found through the date index and sorted,
 * instead of walking the page order until the page is full. The walk assumes the matches are spread
 * along that order, but a date range's photos sit together (ids are time-ordered), so it read every
 * photo before them: a week in the middle of 1,000,000 photos took 376 ms, the last week in arrival
 * order 702 ms. Past this many, the range is wide enough for the walk to find a page soon. Only
 * the first page: after a cursor the walk starts where the last page ended, among the range's
 * photos (its 50 pages took 71 ms p50 sorted, against 20–30 ms walked).
 */
const NARROW_DATE_RANGE_ROWS = 50_000;

async function isNarrowDateRange(db: QueryClient, query: ImageListQuery, conditions: Prisma.Sql[]): Promise<boolean> {
  if (query.from === undefined && query.to === undefined) return false;
  return (await estimateMatchingRows(db, conditions)) <= NARROW_DATE_RANGE_ROWS;
}

/** A search is planned with its words on every call (see CUSTOM_PLAN_MARKER); other pages keep their named statement. */
const planPerCall = (query: ImageListQuery) => (query.q ? Prisma.raw(CUSTOM_PLAN_MARKER) : Prisma.empty);

// Each order ends with the id, so rows that tie on the sort key keep one stable order across pages.
const ORDER_BY: Record<ImageSort, Prisma.Sql> = {
  arrival: Prisma.sql`i."id" ASC`,
  recent: Prisma.sql`i."id" DESC`,
  sku: Prisma.sql`i."skuBase" ASC NULLS LAST, i."sequence" ASC NULLS LAST, i."id" ASC`,
  name: Prisma.sql`i."originalName" ASC, i."id" ASC`,
};

function cursorOf(sort: ImageSort, image: ImageRow): ImageCursor {
  if (sort === "sku") return { sort, skuBase: image.skuBase, sequence: image.sequence, id: image.id };
  if (sort === "name") return { sort, originalName: image.originalName, id: image.id };
  return { sort, id: image.id };
}

/** The condition of the rows after the cursor, for the orders of one index range (sort=sku walks slices: skuPageAfter). */
function afterCursor(cursor: Exclude<ImageCursor, { sort: "sku" }>): Prisma.Sql {
  switch (cursor.sort) {
    case "arrival":
      return Prisma.sql`i."id" > ${cursor.id}::uuid`;
    case "recent":
      return Prisma.sql`i."id" < ${cursor.id}::uuid`;
    case "name":
      return Prisma.sql`(i."originalName", i."id") > (${cursor.originalName}, ${cursor.id}::uuid)`;
  }
}

/**
 * The `sku` page after a cursor as consecutive slices of the sort order, each one index range of
 * (skuBase, sequence, id): same sku_base and sequence with a greater id; same sku_base and a greater
 * sequence; same sku_base without sequence; a greater sku_base; no sku_base (NULLS LAST). Each slice
 * is read in order up to the page size and the first `limit` rows of them, in slice order, are the
 * page. As one condition with ORs the planner could not bound the index scan and read
 * every row before the cursor (250–400 ms at depth 500,000 of 1,000,000).
 */
function skuPageAfter(
  db: QueryClient,
  conditions: Prisma.Sql[],
  cursor: Extract<ImageCursor, { sort: "sku" }>,
  limit: number,
  plan: Prisma.Sql,
): Promise<{ id: string }[]> {
  const columns = [
    { column: Prisma.sql`i."skuBase"`, value: cursor.skuBase },
    { column: Prisma.sql`i."sequence"`, value: cursor.sequence },
  ];
  const slices: Prisma.Sql[][] = [];
  const walk = (level: number, prefix: Prisma.Sql[]) => {
    const current = columns[level];
    if (!current) return void slices.push([...prefix, Prisma.sql`i."id" > ${cursor.id}::uuid`]);
    const { column, value } = current;
    if (value === null) return walk(level + 1, [...prefix, Prisma.sql`${column} IS NULL`]);
    walk(level + 1, [...prefix, Prisma.sql`${column} = ${value}`]);
    slices.push([...prefix, Prisma.sql`${column} > ${value}`]);
    slices.push([...prefix, Prisma.sql`${column} IS NULL`]);
  };
  walk(0, []);
  const parts = slices.map(
    (slice, k) => Prisma.sql`(SELECT ${k}::int AS slice, i."id", i."skuBase", i."sequence" FROM "Image" i
      WHERE ${whereOf([...conditions, ...slice])} ORDER BY ${ORDER_BY.sku} LIMIT ${limit})`,
  );
  return db.$queryRaw<{ id: string }[]>`
    SELECT ${plan} i."id"::text AS id FROM (${Prisma.join(parts, " UNION ALL ")}) i
    ORDER BY i.slice, ${ORDER_BY.sku} LIMIT ${limit}`;
}

/**
 * The rows of `ids` as imageSelect reads them (in no particular order). The pieces (`items`) are
 * read by their own query beside the photos' instead of as a relation of the findMany, whose query
 * waited for the photos' (239 photos of the por SKU view: 12.9 → 7.7 ms p50).
 */
export async function findImages(ids: string[]): Promise<ImageRow[]> {
  if (ids.length === 0) return [];
  const prisma = getPrisma();
  const { items, ...columns } = imageSelect;
  const [images, pieces] = await Promise.all([
    prisma.image.findMany({ where: { id: { in: ids } }, select: columns }),
    prisma.imageItem.findMany({
      where: { imageId: { in: ids } },
      orderBy: [{ imageId: "asc" }, { position: items.orderBy.position }],
      select: { imageId: true, ...items.select },
    }),
  ]);
  const piecesOf = new Map<string, ImageRow["items"]>();
  for (const { imageId, ...piece } of pieces) {
    const list = piecesOf.get(imageId) ?? [];
    list.push(piece);
    piecesOf.set(imageId, list);
  }
  return images.map((image) => Object.assign(image, { items: piecesOf.get(image.id) ?? [] }));
}

/**
 * A batch's images, each once, in id order. The page of ids walks the batch's uploads in the
 * (batchId, imageId) index and looks each image up (a forced nested loop: `OFFSET 0` keeps the
 * planner from merge-joining, which read the whole Image index up to the batch's first photo —
 * 105 ms at 200,000 images against 0.2 ms), then the rows come through Prisma's select.
 */
async function listBatchImages(batchId: string, query: ImageListQuery, afterId: string | null): Promise<ImagePage> {
  const pageIds = (db: QueryClient, corrections?: SearchCorrections) => {
    const filters = [
      Prisma.sql`i."id" = u."imageId"`,
      ...imageFilterConditions(query, { withoutBatch: true, corrections }),
    ];
    const after = afterId ? Prisma.sql`AND u."imageId" > ${afterId}::uuid` : Prisma.empty;
    return db.$queryRaw<{ id: string }[]>`
      SELECT ${planPerCall(query)} u."imageId"::text AS id FROM "BatchUpload" u
      CROSS JOIN LATERAL (SELECT 1 FROM "Image" i WHERE ${Prisma.join(filters, " AND ")} OFFSET 0) AS matching
      WHERE u."batchId" = ${batchId}::uuid ${after}
      GROUP BY u."imageId" ORDER BY u."imageId" LIMIT ${query.limit + 1}`;
  };
  let rows = await pageIds(getPrisma());
  if (rows.length === 0)
    rows = await withFuzzySearch(query.q, (corrections) => pageIds(getPrisma(), corrections), rows);
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const images = (await findImages(ids)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const last = ids[ids.length - 1];
  // Received by this batch but first stored by another: the batch's upload of it was a duplicate.
  return {
    items: images.map((i) => presentImage(i, i.batchId !== batchId)),
    nextCursor: rows.length > query.limit && last ? encodeImageCursor({ sort: "arrival", id: last }) : null,
  };
}
