import type { Prisma } from "@/lib/db/client";
import type { ProductState } from "./diff-product";
import { uuidv7 } from "./uuid-v7";

type Tx = Prisma.TransactionClient;

// Prisma stores DateTime as UTC in `timestamp(3)` columns; raw SQL must do the same.
const NOW_UTC = "(now() AT TIME ZONE 'UTC')";

export interface NewProductRow extends ProductState {
  id: string;
  sku: string;
  skuKey: string;
}

export interface ChangedProductRow extends ProductState {
  id: string;
}

export interface HistoryRow {
  productId: string;
  sku: string;
  action: "CREATE" | "UPDATE";
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** Serialises carteira imports so two uploads never race on the same SKUs. */
export async function lockCarteiraImports(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('vitrine.carteira.import'))`);
}

/** Brands by name key, created when missing. Returns nameKey → id. */
export async function upsertBrands(tx: Tx, brands: Map<string, string>): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (brands.size === 0) return result;
  const keys = [...brands.keys()];
  const names = keys.map((k) => brands.get(k)!);
  const ids = keys.map(() => uuidv7());
  await tx.$executeRawUnsafe(
    `INSERT INTO "Brand" (id, name, "nameKey", "createdAt", "updatedAt")
     SELECT u.id, u.name, u.key, ${NOW_UTC}, ${NOW_UTC} FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, name, key)
     ON CONFLICT ("nameKey") DO NOTHING`,
    ids,
    names,
    keys,
  );
  const rows = await tx.$queryRawUnsafe<{ id: string; nameKey: string }[]>(
    `SELECT id::text AS id, "nameKey" FROM "Brand" WHERE "nameKey" = ANY($1::text[])`,
    keys,
  );
  for (const r of rows) result.set(r.nameKey, r.id);
  return result;
}

/** Collections by (brandId, name key), created when missing. `wanted` key: `${brandId}|${nameKey}` → name. */
export async function upsertCollections(tx: Tx, wanted: Map<string, string>): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (wanted.size === 0) return result;
  const compound = [...wanted.keys()];
  const brandIds = compound.map((c) => c.slice(0, c.indexOf("|")));
  const keys = compound.map((c) => c.slice(c.indexOf("|") + 1));
  const names = compound.map((c) => wanted.get(c)!);
  const ids = compound.map(() => uuidv7());
  await tx.$executeRawUnsafe(
    `INSERT INTO "Collection" (id, "brandId", name, "nameKey", "createdAt", "updatedAt")
     SELECT u.id, u.brand, u.name, u.key, ${NOW_UTC}, ${NOW_UTC}
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(id, brand, name, key)
     ON CONFLICT ("brandId", "nameKey") DO NOTHING`,
    ids,
    brandIds,
    names,
    keys,
  );
  const rows = await tx.$queryRawUnsafe<{ id: string; brandId: string; nameKey: string }[]>(
    `SELECT c.id::text AS id, c."brandId"::text AS "brandId", c."nameKey"
     FROM "Collection" c JOIN unnest($1::uuid[], $2::text[]) AS u(brand, key) ON c."brandId" = u.brand AND c."nameKey" = u.key`,
    brandIds,
    keys,
  );
  for (const r of rows) result.set(`${r.brandId}|${r.nameKey}`, r.id);
  return result;
}

export interface ExistingProduct extends ProductState {
  id: string;
  sku: string;
}

/** Current carteira fields of the products whose SKU is in `skus` (one query per chunk). */
export async function loadExistingProducts(
  tx: Tx,
  skus: string[],
  chunkSize: number,
): Promise<Map<string, ExistingProduct>> {
  const map = new Map<string, ExistingProduct>();
  for (let i = 0; i < skus.length; i += chunkSize) {
    const rows = await tx.$queryRawUnsafe<ExistingProduct[]>(
      `SELECT p.id::text AS id, sku, "nomePeca", categoria, subcategoria, "tipoPeca", origem, cor,
              "brandId"::text AS "brandId", "collectionId"::text AS "collectionId", extra
       FROM "Product" p JOIN unnest($1::text[]) AS u(sku) USING (sku)`,
      skus.slice(i, i + chunkSize),
    );
    for (const r of rows) map.set(r.sku, { ...r, extra: (r.extra ?? {}) as ProductState["extra"] });
  }
  return map;
}

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
const json = (rows: ProductState[]) => rows.map((r) => JSON.stringify(r.extra));

export async function insertProducts(tx: Tx, rows: NewProductRow[], importId: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Product" (id, sku, "skuKey", "nomePeca", categoria, subcategoria, "tipoPeca", origem, cor, "brandId", "collectionId", extra, "lastImportId", "createdAt", "updatedAt")
     SELECT u.id, u.sku, u.sku_key, u.nome, u.cat, u.sub, u.tipo, u.origem, u.cor, u.brand, u.coll, u.extra, $13::uuid, ${NOW_UTC}, ${NOW_UTC}
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::uuid[], $12::jsonb[])
       AS u(id, sku, sku_key, nome, cat, sub, tipo, origem, cor, brand, coll, extra)`,
    col(rows, "id"),
    col(rows, "sku"),
    col(rows, "skuKey"),
    col(rows, "nomePeca"),
    col(rows, "categoria"),
    col(rows, "subcategoria"),
    col(rows, "tipoPeca"),
    col(rows, "origem"),
    col(rows, "cor"),
    col(rows, "brandId"),
    col(rows, "collectionId"),
    json(rows),
    importId,
  );
}

export async function updateProducts(tx: Tx, rows: ChangedProductRow[], importId: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "Product" p SET "nomePeca" = u.nome, categoria = u.cat, subcategoria = u.sub, "tipoPeca" = u.tipo, origem = u.origem,
            cor = u.cor, "brandId" = u.brand, "collectionId" = u.coll, extra = u.extra, "lastImportId" = $11::uuid, "updatedAt" = ${NOW_UTC}
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[], $10::jsonb[])
       AS u(id, nome, cat, sub, tipo, origem, cor, brand, coll, extra)
     WHERE p.id = u.id`,
    col(rows, "id"),
    col(rows, "nomePeca"),
    col(rows, "categoria"),
    col(rows, "subcategoria"),
    col(rows, "tipoPeca"),
    col(rows, "origem"),
    col(rows, "cor"),
    col(rows, "brandId"),
    col(rows, "collectionId"),
    json(rows),
    importId,
  );
}

export async function insertHistory(
  tx: Tx,
  rows: HistoryRow[],
  meta: { importId: string; userId: string | null },
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "SkuHistory" (id, "productId", sku, action, field, "oldValue", "newValue", "userId", "importId", "createdAt")
     SELECT u.id, u.pid, u.sku, u.action::"SkuHistoryAction", u.field, u.old, u.new, $8::uuid, $9::uuid, ${NOW_UTC}
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, pid, sku, action, field, old, new)`,
    rows.map(() => uuidv7()),
    col(rows, "productId"),
    col(rows, "sku"),
    col(rows, "action"),
    col(rows, "field"),
    col(rows, "oldValue"),
    col(rows, "newValue"),
    meta.userId,
    meta.importId,
  );
}
