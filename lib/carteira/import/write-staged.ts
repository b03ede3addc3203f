import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { uuidv7 } from "@/lib/db/uuid-v7";
import { STAGE_COLUMNS, type StagedCarteira, type StagedNames } from "./stage-carteira";
import type { ImportIssue } from "./types";
import { MAX_STORED_ISSUES } from "./types";

// Prisma stores DateTime as UTC in `timestamp(3)` columns; raw SQL must do the same.
const NOW_UTC = "(now() AT TIME ZONE 'UTC')";

export interface WriteStagedInput {
  importId: string;
  userId: string | null;
  fileName: string;
  /**
   * Reads the file (in the parse worker), handing its COPY text to `write` a chunk at a time: the
   * chunks go into the staging table while the rest of the file is still being read.
   */
  stage: (write: (chunk: Uint8Array) => void) => Promise<StagedCarteira>;
  /** Used for rows of files without MARCA / COLEÇÃO columns (already checked to exist). */
  defaults: { brandId: string | null; collection: { id: string; brandId: string } | null };
  /** Progress, written by the caller outside this transaction so pollers see it. */
  onProgress?: (processedRows: number, totalRows: number) => Promise<void>;
  /** Called with the duration of each phase (benchmarks, logs). */
  onPhase?: (phase: string, ms: number) => void;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
  history: number;
}

/** Thrown after the rollback when the file has row problems, found by the parse or the database step (nothing was written). */
export class RowsRejected extends Error {
  constructor(
    readonly issues: ImportIssue[],
    readonly errorCount: number,
    readonly totalRows: number,
  ) {
    super("rows rejected");
  }
}

const TEXT = ["nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;
const q = (column: string) => `"${column}"`;

const STAGE_DDL = `CREATE TEMP TABLE carteira_stage (
  ord int NOT NULL, sheet text NOT NULL, line int NOT NULL, sku text NOT NULL, sku_key text NOT NULL, tmask int NOT NULL,
  ${TEXT.map((c) => `${q(c)} text`).join(", ")},
  brand_name text, brand_key text, collection_name text, collection_key text, extra jsonb NOT NULL, new_id uuid NOT NULL
) ON COMMIT DROP`;

/**
 * Each staged row that creates or changes a product, next to it: old values, new values, what changed.
 * An unchanged row is left out (their count is the staged rows less these), so a re-import of an
 * unchanged carteira writes no temporary row (100,000 rows: the diff 2.78 → 0.98 s, bench:carteira).
 */
function resolveSql(): string {
  const changedText = TEXT.map(
    (c, i) => `(s.tmask & ${1 << i} <> 0 AND s.${q(c)} IS DISTINCT FROM p.${q(c)}) AS c_${c}`,
  );
  const newText = TEXT.map((c, i) => `CASE WHEN s.tmask & ${1 << i} <> 0 THEN s.${q(c)} ELSE p.${q(c)} END AS n_${c}`);
  return `CREATE TEMP TABLE carteira_rows ON COMMIT DROP AS
    WITH r AS (
      SELECT s.*, p.id AS pid, ${TEXT.map((c) => `p.${q(c)} AS o_${c}`).join(", ")},
        p."brandId" AS o_brand, p."collectionId" AS o_coll, p.extra AS o_extra,
        ${newText.join(",\n        ")},
        ${changedText.join(",\n        ")},
        -- null: the row says nothing about the brand (kept)
        CASE WHEN s.brand_key IS NOT NULL THEN b.id ELSE $1::uuid END AS in_brand,
        c.id AS in_coll,
        -- The extra keys whose value reads differently (a new row: none, it is created whole; a row whose
        -- extra already contains the file's: none, without looking key by key).
        CASE WHEN p.id IS NULL OR p.extra @> s.extra THEN NULL ELSE
          (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(s.extra) e
            WHERE (p.extra ->> e.key) IS DISTINCT FROM (s.extra ->> e.key)) END AS extra_changes
      FROM carteira_stage s
      LEFT JOIN "Product" p ON p.sku = s.sku
      LEFT JOIN "Brand" b ON b."nameKey" = s.brand_key
      LEFT JOIN "Collection" c ON c."nameKey" = s.collection_key AND c."brandId" = COALESCE(b.id, $1::uuid, p."brandId")
    ), d AS (
      SELECT r.*,
        (r.collection_key IS NULL AND $2::uuid IS NOT NULL AND (r.in_brand IS NULL OR r.in_brand = $3::uuid)) AS use_default_coll
      FROM r
    ), n AS (
      SELECT d.*,
        CASE WHEN in_brand IS NOT NULL THEN in_brand WHEN use_default_coll THEN $3::uuid ELSE o_brand END AS n_brand,
        CASE WHEN collection_key IS NOT NULL THEN in_coll WHEN use_default_coll THEN $2::uuid ELSE o_coll END AS n_coll,
        CASE WHEN pid IS NULL THEN extra ELSE o_extra || COALESCE(extra_changes, '{}'::jsonb) END AS n_extra
      FROM d
    ), resolved AS (
      SELECT n.*, (n_brand IS DISTINCT FROM o_brand) AS c_brand, (n_coll IS DISTINCT FROM o_coll) AS c_coll,
        pid IS NOT NULL AND (${TEXT.map((c) => `c_${c}`).join(" OR ")}
          OR n_brand IS DISTINCT FROM o_brand OR n_coll IS DISTINCT FROM o_coll OR extra_changes IS NOT NULL) AS is_changed
      FROM n
    )
    SELECT * FROM resolved WHERE pid IS NULL OR is_changed`;
}

/** History row n takes id $3[n] (ids made in order, so history sorts by import): a subscript, no join to plan. */
function historySql(): string {
  const fields = TEXT.map((c, i) => `(${i + 1}, '${c}', r.o_${c}, r.n_${c}, r.c_${c})`);
  return `INSERT INTO "SkuHistory" (id, "productId", sku, action, field, "oldValue", "newValue", "userId", "importId", "createdAt")
    SELECT ($3::uuid[])[h.n], h.pid, h.sku, h.action::"SkuHistoryAction", h.field, h.old, h.new, $2::uuid, $1::uuid, ${NOW_UTC}
    FROM (
      SELECT row_number() OVER (ORDER BY x.ord, x.fo, x.field) AS n, x.* FROM (
        SELECT ord, 0 AS fo, new_id AS pid, sku, 'CREATE' AS action, NULL::text AS field, NULL::text AS old, sku AS new
        FROM carteira_rows WHERE pid IS NULL
        UNION ALL
        SELECT r.ord, f.fo, r.pid, r.sku, 'UPDATE', f.field, f.old, f.new
        FROM carteira_rows r
        LEFT JOIN "Brand" ob ON ob.id = r.o_brand
        LEFT JOIN "Brand" nb ON nb.id = r.n_brand
        LEFT JOIN "Collection" oc ON oc.id = r.o_coll
        LEFT JOIN "Collection" nc ON nc.id = r.n_coll
        CROSS JOIN LATERAL (VALUES ${fields.join(", ")},
          (7, 'brand', COALESCE(ob.name, r.o_brand::text), COALESCE(nb.name, r.n_brand::text), r.c_brand),
          (8, 'collection', COALESCE(oc.name, r.o_coll::text), COALESCE(nc.name, r.n_coll::text), r.c_coll)
        ) AS f(fo, field, old, new, is_changed)
        WHERE r.is_changed AND f.is_changed
        UNION ALL
        SELECT r.ord, 9, r.pid, r.sku, 'UPDATE', 'extra.' || e.key, r.o_extra ->> e.key, e.value #>> '{}'
        FROM carteira_rows r CROSS JOIN LATERAL jsonb_each(r.extra_changes) e
        WHERE r.is_changed
      ) x
    ) h`;
}

/**
 * Runs the parse with the staging table's COPY open: each chunk is written as it arrives (the worker
 * cannot be paused, so a slower database buffers what the file holds, as a whole file's text once
 * did). A failed parse aborts the COPY; a failed COPY fails the import once the parse has ended.
 */
async function copyWhileStaging(
  client: pg.Client,
  stage: WriteStagedInput["stage"],
  onParsed: () => void,
): Promise<StagedCarteira> {
  const rows = new PassThrough();
  const copied = pipeline(
    rows,
    client.query(copyFrom(`COPY carteira_stage (${STAGE_COLUMNS.map(q).join(", ")}) FROM STDIN`)),
  );
  // Awaited once the file is read; a COPY that fails before then must not be an unhandled rejection.
  copied.catch(() => undefined);
  let staged: StagedCarteira;
  try {
    staged = await stage((chunk) => rows.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  } catch (error) {
    rows.destroy(error instanceof Error ? error : new Error(String(error)));
    await copied.catch(() => undefined);
    throw error;
  }
  onParsed();
  rows.end();
  await copied;
  return staged;
}

/**
 * The brands and collections the rows name (gathered by the parse, a few at most per file), created
 * when missing. A collection belongs to the row's brand, else the default brand, else the product's
 * current brand: the staging table is read only for rows that name a collection and no brand when
 * there is no default brand.
 */
async function upsertNames(
  client: pg.Client,
  names: StagedNames,
  defaults: WriteStagedInput["defaults"],
): Promise<{ orphans: ImportIssue[]; total: number }> {
  if (names.brands.length > 0) {
    await client.query(
      `INSERT INTO "Brand" (id, name, "nameKey", "createdAt", "updatedAt")
       SELECT u.id, u.name, u.key, ${NOW_UTC}, ${NOW_UTC} FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, name, key)
       ON CONFLICT ("nameKey") DO NOTHING`,
      [names.brands.map(() => uuidv7()), names.brands.map((b) => b.name), names.brands.map((b) => b.key)],
    );
  }
  const ownedByProduct = names.collectionRowsWithoutBrand > 0 && defaults.brandId === null;
  if (ownedByProduct) {
    const orphans = await client.query<{ sheet: string; line: number; name: string; total: string }>(
      `SELECT s.sheet, s.line, s.collection_name AS name, count(*) OVER () AS total
       FROM carteira_stage s LEFT JOIN "Product" p ON p.sku = s.sku
       WHERE s.brand_key IS NULL AND s.collection_key IS NOT NULL AND p."brandId" IS NULL
       ORDER BY s.ord LIMIT ${MAX_STORED_ISSUES}`,
    );
    if (orphans.rows.length > 0) {
      return {
        total: Number(orphans.rows[0]!.total),
        orphans: orphans.rows.map((o) => ({
          sheet: o.sheet,
          line: o.line,
          code: "COLLECTION_WITHOUT_BRAND" as const,
          message: `Linha ${o.line}: a coleção "${o.name}" precisa de uma marca (coluna MARCA ou marca padrão).`,
          params: { collection: o.name },
          severity: "error" as const,
        })),
      };
    }
  }
  if (names.collections.length === 0) return { orphans: [], total: 0 };
  const { collections } = names;
  const owned = await client.query<{ owner: string; key: string; name: string }>(
    `SELECT DISTINCT ON (owner, key) owner::text AS owner, key, name FROM (
       SELECT COALESCE(b.id, $5::uuid) AS owner, u.key, u.name, u.ord
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(brand_key, key, name, ord)
       LEFT JOIN "Brand" b ON b."nameKey" = u.brand_key
       ${
         ownedByProduct
           ? `UNION ALL
       SELECT p."brandId", s.collection_key, s.collection_name, s.ord
       FROM carteira_stage s JOIN "Product" p ON p.sku = s.sku
       WHERE s.brand_key IS NULL AND s.collection_key IS NOT NULL`
           : ""
       }
     ) o WHERE owner IS NOT NULL ORDER BY owner, key, ord`,
    [
      collections.map((c) => c.brandKey),
      collections.map((c) => c.key),
      collections.map((c) => c.name),
      collections.map((c) => c.ord),
      defaults.brandId,
    ],
  );
  if (owned.rows.length > 0) {
    await client.query(
      `INSERT INTO "Collection" (id, "brandId", name, "nameKey", "createdAt", "updatedAt")
       SELECT u.id, u.brand, u.name, u.key, ${NOW_UTC}, ${NOW_UTC}
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS u(id, brand, name, key)
       ON CONFLICT ("brandId", "nameKey") DO NOTHING`,
      [
        owned.rows.map(() => uuidv7()),
        owned.rows.map((c) => c.owner),
        owned.rows.map((c) => c.name),
        owned.rows.map((c) => c.key),
      ],
    );
  }
  return { orphans: [], total: 0 };
}

/**
 * Writes a staged carteira, all or nothing, in one transaction on a connection of its own: COPY into
 * a temporary staging table, then set-based SQL — brands and collections upserted, each row joined
 * to its product (created / changed / unchanged, field by field), new products inserted, changed ones
 * updated (an unchanged row is not touched: no new tuple, no index entry), one SKU history row per
 * new product and per changed field, the import row marked COMPLETED with its counts and the audit
 * entry. Only carteira fields are written (field separation). Serialised with other imports.
 */
export async function writeStagedCarteira(input: WriteStagedInput): Promise<WriteCounts> {
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    input.onPhase?.(name, now - mark);
    mark = now;
  };
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: "vitrine-carteira" });
  // A connection lost mid-import fails the pending query (→ FAILED, rolled back by the server); without a
  // listener the client's "error" event would take the whole process down.
  client.on("error", () => undefined);
  await client.connect();
  let isOpen = false;
  try {
    // The staging tables are local buffers of this backend: with the 8 MB default a 100,000-row file
    // spills to disk while it is copied, analysed and joined. Settable only before the session's first temp table.
    await client.query("SET temp_buffers = '256MB'");
    // The diff hashes "Product" (~30 MB at 100,000 rows): with the 4 MB default it is cut into batches spilled to disk.
    await client.query("SET work_mem = '64MB'");
    await client.query("BEGIN");
    isOpen = true;
    await client.query(STAGE_DDL);
    // "parse": the file read (its rows copied on the way); "copy": the rest of the COPY and the statistics.
    const staged = await copyWhileStaging(client, input.stage, () => phase("parse"));
    if (staged.errorCount > 0) {
      await client.query("ROLLBACK");
      isOpen = false;
      throw new RowsRejected(staged.issues, staged.errorCount, staged.totalRows);
    }
    await input.onProgress?.(0, staged.totalRows);
    // The staging table is this transaction's own: only what follows is serialised with other imports.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('vitrine.carteira.import'))`);
    // Statistics of the columns the joins and filters read only: the row count comes with any ANALYZE,
    // and sampling the texts and `extra` too took 0.4–0.5 s of a 100,000-row import.
    await client.query("ANALYZE carteira_stage (sku, brand_key, collection_key)");
    phase("copy");

    const { orphans, total: orphanCount } = await upsertNames(client, staged.names, input.defaults);
    if (orphans.length > 0) {
      await client.query("ROLLBACK");
      isOpen = false;
      throw new RowsRejected([...staged.issues, ...orphans], orphanCount, staged.totalRows);
    }
    phase("names");
    const collection = input.defaults.collection;
    await client.query(resolveSql(), [input.defaults.brandId, collection?.id ?? null, collection?.brandId ?? null]);
    // Without statistics the planner guesses 0.5 % of the rows new and 15 % changed whatever the file holds; a
    // guess that far off can turn the writes and the history join below into nested loops over 100,000 rows.
    await client.query("ANALYZE carteira_rows (pid, is_changed, ord)");
    const tally = await client.query<{ created: string; updated: string; history: string }>(
      `SELECT count(*) FILTER (WHERE pid IS NULL) AS created, count(*) FILTER (WHERE is_changed) AS updated,
         COALESCE(sum(CASE WHEN pid IS NULL THEN 1 WHEN is_changed THEN
           ${TEXT.map((c) => `c_${c}::int`).join(" + ")} + c_brand::int + c_coll::int
           + COALESCE((SELECT count(*) FROM jsonb_object_keys(extra_changes)), 0) ELSE 0 END), 0) AS history
       FROM carteira_rows`,
    );
    const t = tally.rows[0]!;
    // carteira_rows holds only the rows that create or change a product: every other staged row is unchanged.
    const counts: WriteCounts = {
      created: Number(t.created),
      updated: Number(t.updated),
      unchanged: staged.rows - Number(t.created) - Number(t.updated),
      history: Number(t.history),
    };
    phase("diff");
    await input.onProgress?.(counts.unchanged, staged.totalRows);

    const columns = `${TEXT.map(q).join(", ")}, "brandId", "collectionId", extra`;
    const values = `${TEXT.map((c) => `n_${c}`).join(", ")}, n_brand, n_coll, n_extra`;
    // Set-based, in about ten slices of the file (by row order) so the progress pollers see moves.
    const rows = staged.rows;
    const step = Math.max(1000, Math.ceil(rows / 10));
    let processed = counts.unchanged;
    for (let from = 0; from < rows && counts.created + counts.updated > 0; from += step) {
      const range = [input.importId, from, from + step];
      let written = 0;
      if (counts.created > 0) {
        const inserted = await client.query(
          `INSERT INTO "Product" (id, sku, "skuKey", ${columns}, "lastImportId", "createdAt", "updatedAt")
           SELECT new_id, sku, sku_key, ${values}, $1::uuid, ${NOW_UTC}, ${NOW_UTC}
           FROM carteira_rows WHERE pid IS NULL AND ord >= $2 AND ord < $3 ORDER BY ord`,
          range,
        );
        written += inserted.rowCount ?? 0;
      }
      if (counts.updated > 0) {
        const updated = await client.query(
          `UPDATE "Product" p SET (${columns}, "lastImportId", "updatedAt") = (${values}, $1::uuid, ${NOW_UTC})
           FROM carteira_rows r WHERE r.is_changed AND r.ord >= $2 AND r.ord < $3 AND p.id = r.pid`,
          range,
        );
        written += updated.rowCount ?? 0;
      }
      if (written > 0) await input.onProgress?.((processed += written), staged.totalRows);
    }
    phase("write");
    if (counts.history > 0) {
      const ids: string[] = new Array<string>(counts.history);
      for (let i = 0; i < counts.history; i++) ids[i] = uuidv7();
      await client.query(historySql(), [input.importId, input.userId, ids]);
    }
    phase("history");

    const total = staged.totalRows;
    await client.query(
      `UPDATE "CarteiraImport" SET status = 'COMPLETED', "totalRows" = $2, "processedRows" = $2, "createdCount" = $3,
         "updatedCount" = $4, "unchangedCount" = $5, "errorCount" = 0, errors = $6::jsonb, "finishedAt" = ${NOW_UTC}
       WHERE id = $1::uuid`,
      [
        input.importId,
        total,
        counts.created,
        counts.updated,
        counts.unchanged,
        JSON.stringify(staged.issues.slice(0, MAX_STORED_ISSUES)),
      ],
    );
    await client.query(
      `INSERT INTO "AuditLog" ("userId", action, "entityType", "entityId", data, "createdAt")
       VALUES ($1::uuid, 'CARTEIRA_IMPORT', 'CarteiraImport', $2, $3::jsonb, ${NOW_UTC})`,
      [
        input.userId,
        input.importId,
        JSON.stringify({
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
          fileName: input.fileName,
        }),
      ],
    );
    await client.query("COMMIT");
    isOpen = false;
    phase("commit");
    return counts;
  } catch (error) {
    if (isOpen) await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
