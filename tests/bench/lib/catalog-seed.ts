// The catalog benchmark's database: BENCH_IMAGES (default 1,000,000) images seeded by SQL into an
// embedded PostgreSQL — 5 brands, 40 collections, up to 100,000 products with carteira fields,
// statuses, match statuses, colours, AI text and tags on a fifth, perceptual hashes, sku/sku_base,
// dates over two years. Shared by bench:catalog and bench:export; `openCatalogDatabase` reuses a
// seeded data directory when asked to (BENCH_DB_DIR), so a second run skips the ~2–3 min seed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres, type RunningEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";

/** The catalog's shape for `images` photos: ten angles per product, a batch per 2,500 photos of one collection. */
export function catalogScale(images: number) {
  return {
    images,
    products: Math.min(100_000, Math.max(1_000, Math.floor(images / 10))),
    collections: 40,
    brands: 5,
    /** Images per batch: a batch is one collection's shoot. */
    batchSize: 2_500,
  };
}

// ---------------------------------------------------------------------------------------------
// Seed (one INSERT … SELECT generate_series per table; the Image indexes are dropped during the
// load and rebuilt from their own definitions, which is how a bulk load is done and several
// times faster than maintaining a trigram GIN row by row).
// ---------------------------------------------------------------------------------------------

const WORDS = {
  tipo: ["Vestido", "Blusa", "Calça", "Saia", "Camisa", "Jaqueta", "Macacão", "Short", "Casaco", "Regata"],
  categoria: [
    "VESTIDOS",
    "BLUSAS",
    "CALÇAS",
    "SAIAS",
    "CAMISAS",
    "JAQUETAS",
    "MACACÕES",
    "SHORTS",
    "CASACOS",
    "REGATAS",
  ],
  sub: ["MIDI", "TRICÔ", "PANTALONA", "LÁPIS", "SOCIAL", "JEANS", "LONGO", "ALFAIATARIA", "MATELASSÊ", "CANELADA"],
  adjetivo: ["floral", "listrado", "linho", "canelado", "estampado", "liso", "bordado", "plissado", "xadrez", "poá"],
  cor: ["Azul", "Preto", "Off-white", "Verde musgo", "Rosé", "Estampado", "Vermelho", "Caramelo", "Marinho", "Branco"],
  aiWord: ["algodão", "decote", "manga", "botões", "cintura", "bolso", "gola", "fenda", "laço", "renda"],
};
const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]::text[]`;
/** Deterministic pseudo-random integer in [0, m) for row n and stream s. */
const rnd = (n: string, s: number, m: number) => `(abs(hashint8extended(${n}, ${s})) % ${m})::int`;

export async function seedCatalog(client: pg.Client, images: number): Promise<void> {
  const { products: PRODUCTS, collections: COLLECTIONS, brands: BRANDS, batchSize: BATCH_SIZE } = catalogScale(images);
  const IMAGES = images;
  const q = (sql: string) => client.query(sql);
  await q(`SET maintenance_work_mem = '512MB'`);
  await q(`SET synchronous_commit = off`);
  await q(`SET max_parallel_maintenance_workers = 2`);
  await q(`
    INSERT INTO "Brand" (id, name, "nameKey", "updatedAt")
    SELECT uuidv7(), 'Marca ' || b, 'marca ' || b, now() FROM generate_series(1, ${BRANDS}) b`);
  await q(`
    INSERT INTO "Collection" (id, "brandId", name, "nameKey", season, year, "updatedAt")
    SELECT uuidv7(), (SELECT id FROM "Brand" ORDER BY id OFFSET (c % ${BRANDS}) LIMIT 1),
           (${sqlArray(["Verão", "Inverno", "Alto Verão", "Resort"])})[c % 4 + 1] || ' ' || (2024 + c / 20) || ' #' || c,
           'colecao ' || c, 'S' || (c % 4), 2024 + c / 20, now()
    FROM generate_series(0, ${COLLECTIONS - 1}) c`);
  await q(`CREATE TEMP TABLE col AS SELECT row_number() OVER (ORDER BY id) - 1 AS ck, id, "brandId" FROM "Collection"`);
  // Product k: collection (k / 250) % 40; SKU in a few shapes; carteira fields from the word lists.
  await q(`
    INSERT INTO "Product" (id, sku, "skuKey", "nomePeca", categoria, subcategoria, "tipoPeca", origem, cor,
                           "brandId", "collectionId", "createdAt", "updatedAt")
    SELECT uuidv7(), s.sku, upper(regexp_replace(s.sku, '[^A-Za-z0-9]', '', 'g')),
           (${sqlArray(WORDS.tipo)})[t + 1] || ' ' || lower((${sqlArray(WORDS.sub)})[${rnd("k", 2, 10)} + 1]) || ' ' || (${sqlArray(WORDS.adjetivo)})[${rnd("k", 3, 10)} + 1],
           (${sqlArray(WORDS.categoria)})[t + 1], (${sqlArray(WORDS.sub)})[${rnd("k", 2, 10)} + 1],
           upper((${sqlArray(WORDS.tipo)})[t + 1]), CASE WHEN k % 3 = 0 THEN 'IMPORTADO' ELSE 'NACIONAL' END,
           (${sqlArray(WORDS.cor)})[${rnd("k", 4, 10)} + 1], col."brandId", col.id, now(), now()
    FROM generate_series(0, ${PRODUCTS - 1}) k
    CROSS JOIN LATERAL (SELECT ${rnd("k", 1, 10)} AS t) tt
    CROSS JOIN LATERAL (SELECT CASE k % 3
        WHEN 0 THEN 'VD' || lpad((k % 100)::text, 2, '0') || '-' || lpad(k::text, 6, '0')
        WHEN 1 THEN 'AB' || lpad(k::text, 7, '0')
        ELSE 'CAM.' || lpad((k % 100)::text, 2, '0') || '.' || lpad(k::text, 6, '0') END AS sku) s
    JOIN col ON col.ck = (k / 250) % ${COLLECTIONS}`);
  await q(
    `CREATE TEMP TABLE prod AS SELECT row_number() OVER (ORDER BY sku) - 1 AS pk, id, sku, "brandId", "collectionId" FROM "Product"`,
  );
  await q(`CREATE UNIQUE INDEX ON prod (pk)`);
  const batches = Math.ceil(IMAGES / BATCH_SIZE);
  // Batch b holds images [b*2500, (b+1)*2500), products of one collection (see below).
  await q(`
    INSERT INTO "Batch" (id, name, "brandId", "collectionId", status, "createdAt", "updatedAt", "startedAt", "finishedAt")
    SELECT uuidv7(-(make_interval(secs => (${batches} - b) * 63072000.0 / ${batches}))), 'Lote ' || b, p."brandId", p."collectionId",
           'COMPLETED', now(), now(), now(), now()
    FROM generate_series(0, ${batches - 1}) b
    JOIN prod p ON p.pk = ((b * ${BATCH_SIZE}) / 10) % ${PRODUCTS}`);
  await q(`CREATE TEMP TABLE bat AS SELECT row_number() OVER (ORDER BY id) - 1 AS bk, id FROM "Batch"`);
  await q(`CREATE UNIQUE INDEX ON bat (bk)`);

  const { rows: indexes } = await q(`
    SELECT i.indexname, i.indexdef FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN ('Image', 'BatchUpload')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  for (const { indexname } of indexes) await q(`DROP INDEX "${indexname}"`);

  // Every photo was checked for near-duplicates when it arrived, as in a bank at rest (the check of
  // a million new photos is bench:duplicates' subject): before, the duplicate job worked through the
  // seed for the whole run (about 90,000 photos), beside every measured request.
  // Image n (0-based): product (n / 10) % PRODUCTS — ten angles per SKU, shot together — linked for
  // 90 %; the rest carry an unknown sku_base or none. Dates spread evenly over two years, ids are
  // UUIDv7 of those dates (time-ordered, as the app writes them).
  const r = (s: number, m: number) => rnd("n", s, m);
  await q(`
    INSERT INTO "Image" (id, "batchId", "brandId", "collectionId", "originalName", "relativePath", "storageKey",
      "contentType", bytes, sha256, width, height, format, orientation, "perceptualHash", "dominantColors",
      "thumbnailKey", "thumbnailBytes", "skuBase", sequence, "productId", "matchStatus", "matchScore", status,
      "processingStatus", attempts, "processedAt", "aiTitle", "aiDescription", "aiTags", "aiColor", "aiMaterial",
      "aiAnalyzedAt", "aiError", "duplicatesCheckedAt", "createdAt", "updatedAt")
    SELECT uuidv7(-(age)), bat.id, p."brandId", p."collectionId",
           coalesce(base, 'IMG_' || lpad(n::text, 7, '0')) || '_' || seq || '.jpg', NULL, 'originals/' || sha,
           'image/jpeg', 800000 + ${r(5, 4000000)}, sha, 3000, 4000, 'jpeg', 1,
           lpad(to_hex(hashint8extended(n / 3, 7)), 16, '0'),
           jsonb_build_array('#' || lpad(to_hex(${r(8, 16777216)}), 6, '0')),
           'thumbnails/' || sha || '.webp', 30000, base, seq,
           CASE WHEN linked THEN p.id END,
           (CASE WHEN linked THEN CASE WHEN ${r(9, 20)} = 0 THEN 'MANUAL' ELSE 'MATCHED' END
                 ELSE (${sqlArray(["UNMATCHED", "AMBIGUOUS", "NO_SKU", "PENDING"])})[${r(9, 4)} + 1] END)::"MatchStatus",
           CASE WHEN linked THEN 1 END,
           (CASE WHEN st < 55 THEN 'PENDENTE' WHEN st < 80 THEN 'APROVADO' WHEN st < 90 THEN 'REJEITADO'
                 ELSE 'PENDENTE_ANALISE_IA' END)::"ImageStatus",
           (CASE WHEN ps < 970 THEN 'READY' WHEN ps < 985 THEN 'FAILED' WHEN ps < 995 THEN 'QUEUED'
                 ELSE 'UPLOADED' END)::"ProcessingStatus",
           1, CASE WHEN ps < 985 THEN now() - age END,
           CASE WHEN ai THEN (${sqlArray(WORDS.tipo)})[${r(11, 10)} + 1] || ' ' || (${sqlArray(WORDS.adjetivo)})[${r(12, 10)} + 1] END,
           CASE WHEN ai THEN (${sqlArray(WORDS.tipo)})[${r(11, 10)} + 1] || ' em ' || (${sqlArray(WORDS.aiWord)})[${r(13, 10)} + 1]
                || ' com ' || (${sqlArray(WORDS.aiWord)})[${r(14, 10)} + 1] || ', caimento ' || (${sqlArray(WORDS.adjetivo)})[${r(12, 10)} + 1] END,
           CASE WHEN ai THEN ARRAY[(${sqlArray(WORDS.aiWord)})[${r(13, 10)} + 1], (${sqlArray(WORDS.adjetivo)})[${r(12, 10)} + 1]] ELSE '{}' END,
           CASE WHEN ai THEN (${sqlArray(WORDS.cor)})[${r(15, 10)} + 1] END,
           CASE WHEN ai THEN (${sqlArray(WORDS.aiWord)})[${r(13, 10)} + 1] END,
           CASE WHEN ai THEN now() - age / 2 END,
           CASE WHEN ${r(16, 100)} = 0 THEN 'timeout' END,
           now() - age, now() - age, now() - age
    FROM generate_series(0, ${IMAGES - 1}) n
    CROSS JOIN LATERAL (SELECT make_interval(secs => (${IMAGES} - n) * 63072000.0 / ${IMAGES}) AS age,
                               ${r(3, 100)} < 90 AS linked, ${r(4, 100)} AS st, ${r(6, 1000)} AS ps,
                               ${r(10, 100)} < 20 AS ai, lpad((n % 10 + 1)::text, 2, '0') AS seq,
                               encode(sha256(('bench-' || n)::bytea), 'hex') AS sha) x
    JOIN prod p ON p.pk = (n / 10) % ${PRODUCTS}
    JOIN bat ON bat.bk = n / ${BATCH_SIZE}
    CROSS JOIN LATERAL (SELECT CASE WHEN linked THEN p.sku
                                    WHEN ${r(9, 4)} = 2 THEN NULL
                                    ELSE 'XX' || lpad((n / 10)::text, 7, '0') END AS base) y`);
  await q(`
    INSERT INTO "BatchUpload" (id, "batchId", "clientUploadId", "originalName", bytes, "imageId", "createdAt")
    SELECT uuidv7(), "batchId", id::text, "originalName", bytes, id, "createdAt" FROM "Image"`);
  for (const { indexdef } of indexes) await q(indexdef);
  await q(`VACUUM ANALYZE`);
}

export type CatalogDatabase = {
  db: RunningEmbeddedPostgres;
  /** True when an already seeded data directory was reused. */
  reused: boolean;
  /** Seconds the seed took (0 when reused). */
  seedSeconds: number;
  /** Stops PostgreSQL; removes the data unless it lives in a kept directory. */
  stop: () => Promise<void>;
};

/**
 * An embedded PostgreSQL (sized for the host, as the app runs it) holding the catalog seeded with
 * `images` photos. With `keepDir` the data lives there and is reused by the next run when it was
 * seeded with the same count (a marker file says so; a half-seeded directory is started afresh).
 */
export async function openCatalogDatabase(options: { images: number; keepDir?: string }): Promise<CatalogDatabase> {
  const dataDir = options.keepDir
    ? path.resolve(options.keepDir)
    : fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-catalog-"));
  const marker = path.join(dataDir, `seeded-${options.images}`);
  const reused = Boolean(options.keepDir) && fs.existsSync(marker);
  if (options.keepDir && !reused) fs.rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "db"),
    port: await findFreePort(),
    password: "bench",
    sizeForHost: true,
  });
  const stop = async () => {
    await db.stop();
    if (!options.keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  if (reused) return { db, reused, seedSeconds: 0, stop };
  try {
    await applyMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const started = performance.now();
    try {
      await seedCatalog(client, options.images);
    } finally {
      await client.end();
    }
    fs.writeFileSync(marker, new Date().toISOString());
    return { db, reused, seedSeconds: (performance.now() - started) / 1000, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
