import "server-only";
import { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import { normalizeSkuKey } from "@/lib/sku";
import { hasProcessedPhoto } from "./coverage";

export const skusWithoutPhotoQuerySchema = z.object({
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  categoria: z.string().trim().max(120).optional(),
  q: z.string().trim().max(120).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type SkusWithoutPhotoQuery = z.infer<typeof skusWithoutPhotoQuerySchema>;

export type SkuWithoutPhoto = {
  id: string;
  sku: string;
  nomePeca: string | null;
  categoria: string | null;
  subcategoria: string | null;
  tipoPeca: string | null;
  origem: string | null;
  cor: string | null;
  brandName: string | null;
  collectionName: string;
};

/**
 * SKUs of a collection with no processed photo linked in that same collection ("SKUs sem foto"), ordered by
 * SKU with keyset pagination (cursor = last SKU). Products without a collection are not listed:
 * coverage is per collection.
 */
export async function listSkusWithoutPhoto(
  query: SkusWithoutPhotoQuery,
): Promise<{ items: SkuWithoutPhoto[]; nextCursor: string | null }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`p."collectionId" IS NOT NULL`, Prisma.sql`NOT ${hasProcessedPhoto}`];
  if (query.brandId) conditions.push(Prisma.sql`c."brandId" = ${query.brandId}::uuid`);
  if (query.collectionId) conditions.push(Prisma.sql`p."collectionId" = ${query.collectionId}::uuid`);
  if (query.categoria) conditions.push(Prisma.sql`p.categoria = ${query.categoria}`);
  if (query.q) {
    // The SKU by its key (case, accents and separators ignored: "vd240150" finds VD24-0150), which
    // the key's trigram index answers; the name as typed, case-insensitively.
    const key = normalizeSkuKey(query.q);
    const byName = Prisma.sql`p."nomePeca" ILIKE ${`%${escapeLike(query.q)}%`}`;
    conditions.push(key ? Prisma.sql`(p."skuKey" LIKE ${`%${escapeLike(key)}%`} OR ${byName})` : byName);
  }
  if (query.cursor) conditions.push(Prisma.sql`p.sku > ${query.cursor}`);
  const rows = await getPrisma().$queryRaw<SkuWithoutPhoto[]>`
    SELECT p.id::text AS id, p.sku, p."nomePeca", p.categoria, p.subcategoria, p."tipoPeca", p.origem, p.cor,
           b.name AS "brandName", c.name AS "collectionName"
    FROM "Product" p
    JOIN "Collection" c ON c.id = p."collectionId"
    JOIN "Brand" b ON b.id = c."brandId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY p.sku
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return { items: page, nextCursor: rows.length > query.limit ? (page.at(-1)?.sku ?? null) : null };
}

/** Distinct categorias, for the report's filter. */
export async function listCategorias(): Promise<string[]> {
  const rows = await getPrisma().$queryRaw<{ categoria: string }[]>`
    SELECT DISTINCT categoria FROM "Product" WHERE categoria IS NOT NULL AND categoria <> '' ORDER BY categoria LIMIT 500`;
  return rows.map((r) => r.categoria);
}
