import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { sortByAngle } from "@/lib/catalog/sort-angles";
import { getPrisma, Prisma } from "@/lib/db/client";
import {
  imageFilterConditions,
  whereOf,
  withFuzzySearch,
  type QueryClient,
  type SearchCorrections,
} from "@/lib/images/image-filters";
import { findImages, presentImage } from "@/lib/images/list-images";
import { SKU_GROUP_PREVIEW_IMAGES, type skuGroupPageSchema, type SkuGroupsQuery } from "./schemas";

type SkuGroupPage = z.infer<typeof skuGroupPageSchema>;

/**
 * The group of a photo, as the image_group_key migration's function and index compute it:
 * `1:<productId>` (linked), `2:<sku_base>` (unlinked, SKU read from the name) or `3:` (neither).
 */
const GROUP_KEY = Prisma.sql`vitrine_image_group_key(i."productId", i."skuBase")`;

/**
 * Of a group's photos, at most this many (in (sequence, id) order, the index's) are put in angle
 * order to pick the first SKU_GROUP_PREVIEW_IMAGES. A product has a handful of angles, so this is
 * exact for any real group; for a huge one (thousands of photos without SKU) it bounds the work.
 */
const ANGLE_SAMPLE = 200;

/**
 * GET /api/v1/products/groups: the por SKU view of the catalog. Groups of the photos matching the
 * filters (lib/images/image-filters.ts), one per linked product, else per sku_base of unlinked
 * photos, then one of the photos with neither; each with its count under the filters and its first
 * photos in angle order. Keyset pages on the group key: one query walks the key's index in order
 * and stops after the page's groups (DISTINCT over an ordered index scan), a second counts and
 * samples just those groups through the same index. A search that finds nothing as typed is
 * retried as a misspelling, as the list does.
 */
export async function listSkuGroups(query: SkuGroupsQuery): Promise<SkuGroupPage> {
  const after = query.cursor ? decodeGroupCursor(query.cursor) : null;
  const empty: GroupRows = { keys: [], groups: [] };
  let rows = await readGroups(getPrisma(), query, after);
  if (rows.keys.length === 0)
    rows = await withFuzzySearch(query.q, (corrections) => readGroups(getPrisma(), query, after, corrections), empty);

  const pageGroups = rows.groups.filter((g) => g.count > 0);
  const previewIds = pageGroups.flatMap((g) =>
    sortByAngle(g.sample)
      .slice(0, SKU_GROUP_PREVIEW_IMAGES)
      .map((photo) => photo.id),
  );
  const productIds = pageGroups.flatMap((g) => (g.key.startsWith("1:") ? [g.key.slice(2)] : []));
  const prisma = getPrisma();
  const [images, products] = await Promise.all([
    findImages(previewIds),
    productIds.length > 0
      ? prisma.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, nomePeca: true } })
      : Promise.resolve([]),
  ]);
  const imageById = new Map(images.map((image) => [image.id, image]));
  const productById = new Map(products.map((product) => [product.id, product]));

  const items = pageGroups.map((group) => {
    const photos = sortByAngle(group.sample)
      .slice(0, SKU_GROUP_PREVIEW_IMAGES)
      .flatMap((photo) => {
        const image = imageById.get(photo.id);
        return image ? [presentImage(image)] : [];
      });
    const head = describeGroup(group.key, productById);
    return { ...head, count: group.count, images: photos };
  });
  const last = rows.keys[query.limit - 1];
  return {
    items,
    nextCursor: rows.keys.length > query.limit && last !== undefined ? encodeGroupCursor(last) : null,
  };
}

type GroupRows = {
  /** The page's keys in order, plus one more when another page follows. */
  keys: string[];
  groups: { key: string; count: number; sample: { id: string; sequence: string | null }[] }[];
};

async function readGroups(
  db: QueryClient,
  query: SkuGroupsQuery,
  after: string | null,
  corrections?: SearchCorrections,
): Promise<GroupRows> {
  const filters = imageFilterConditions(query, { corrections });
  const walk = [...filters, ...keyRange(query.hasProduct)];
  if (after !== null) walk.push(Prisma.sql`${GROUP_KEY} > ${after}`);
  // One statement: the walk finds the page's keys (plus one, for the next cursor), then one pass over
  // the page's groups (the key index finds their photos; the filters run once, so a search's id set
  // is built once, not once per group) ranks each group's photos. A key with no photo row is the
  // extra one (or a group the filters emptied meanwhile).
  const rows = await db.$queryRaw<{ key: string; count: number | null; id: string | null; sequence: string | null }[]>`
    WITH keys AS MATERIALIZED (
      SELECT DISTINCT ${GROUP_KEY} AS key FROM "Image" i WHERE ${whereOf(walk)} ORDER BY 1 LIMIT ${query.limit + 1}
    ), members AS (
      SELECT m.key, m.id, m.sequence, count(*) OVER (PARTITION BY m.key) AS count,
             row_number() OVER (PARTITION BY m.key ORDER BY m.sequence, m.id) AS position
      FROM (SELECT ${GROUP_KEY} AS key, i."id", i."sequence" FROM "Image" i
            WHERE ${whereOf([Prisma.sql`${GROUP_KEY} = ANY(ARRAY(SELECT k.key FROM keys k ORDER BY k.key LIMIT ${query.limit}))`, ...filters])}) AS m
    )
    SELECT k.key, m.count::int AS count, m.id::text AS id, m.sequence
    FROM keys k LEFT JOIN members m ON m.key = k.key AND m.position <= ${ANGLE_SAMPLE}
    ORDER BY k.key, m.position`;
  const keys = [...new Set(rows.map((r) => r.key))];
  const pageKeys = keys.slice(0, query.limit);
  const byKey = new Map<string, GroupRows["groups"][number]>();
  for (const row of rows) {
    if (row.id === null || row.count === null) continue;
    const group = byKey.get(row.key) ?? { key: row.key, count: row.count, sample: [] };
    group.sample.push({ id: row.id, sequence: row.sequence });
    byKey.set(row.key, group);
  }
  const groups = pageKeys.flatMap((key) => byKey.get(key) ?? []);
  return { keys, groups };
}

/**
 * `hasProduct` as a range of the group key (linked photos have the `1:` keys), so the walk starts
 * where those groups are instead of filtering its way past every linked photo before them.
 */
function keyRange(hasProduct: boolean | undefined): Prisma.Sql[] {
  if (hasProduct === undefined) return [];
  return [hasProduct ? Prisma.sql`${GROUP_KEY} < '2:'` : Prisma.sql`${GROUP_KEY} >= '2:'`];
}

function describeGroup(key: string, products: Map<string, { id: string; sku: string; nomePeca: string | null }>) {
  if (key.startsWith("1:")) {
    const productId = key.slice(2);
    const product = products.get(productId);
    return {
      key: `product:${productId}`,
      kind: "product" as const,
      sku: product?.sku ?? null,
      productId,
      productName: product?.nomePeca ?? null,
    };
  }
  if (key.startsWith("2:"))
    return {
      key: `base:${key.slice(2)}`,
      kind: "skuBase" as const,
      sku: key.slice(2),
      productId: null,
      productName: null,
    };
  return { key: "none", kind: "none" as const, sku: null, productId: null, productName: null };
}

const groupCursorSchema = z.tuple([
  z.literal("g"),
  z.string().regex(/^(1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|2:[\s\S]{1,500}|3:)$/),
]);

/** Opaque to clients: base64url of the last group's key. */
function encodeGroupCursor(key: string): string {
  return Buffer.from(JSON.stringify(["g", key]), "utf8").toString("base64url");
}

/** Throws 400 VALIDATION_FAILED for a cursor this endpoint did not write. */
function decodeGroupCursor(raw: string): string {
  const invalid = new ApiError("VALIDATION_FAILED", "Parâmetros inválidos.", [
    { path: "cursor", message: "Cursor inválido: recomece da primeira página." },
  ]);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const parsed = groupCursorSchema.safeParse(json);
  if (!parsed.success) throw invalid;
  return parsed.data[1];
}
