/**
 * Scale check of the near-duplicate search (lib/duplicates): seeds N photos with perceptual hashes
 * into a fresh embedded database (all already checked), plus a few hundred near copies waiting to
 * be checked, then prints the candidate query's plan and time for one photo and the check task's
 * throughput. Prints only, asserts nothing (timings depend on the machine).
 * Run: npx tsx tests/bench/duplicates.ts [--photos 200000] [--copies 400] [--clustered]
 * `--clustered` draws hashes around 2,000 templates (8–14 random bits flipped), closer to a catalog
 * of look-alike shots on the same background than uniform hashes are.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, Prisma, setPrisma } from "@/lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { candidatesOf, checkDuplicatesChunk } from "@/lib/duplicates/check-duplicates";
import { DUPLICATE_MAX_DISTANCE } from "@/lib/duplicates/phash-bands";
import { mulberry32 } from "./lib/prng";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const PHOTOS = arg("photos", 200_000);
const COPIES = arg("copies", 400);
const CLUSTERED = process.argv.includes("--clustered");
const rand = mulberry32(20261202);

const hex = (value: bigint) => value.toString(16).padStart(16, "0");
function randomHash(): bigint {
  let value = 0n;
  for (let i = 0; i < 4; i++) value = (value << 16n) | BigInt(Math.floor(rand() * 65536));
  return value;
}
function flipBits(value: bigint, count: number): bigint {
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(rand() * 64));
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value;
}
const templates = Array.from({ length: 2000 }, randomHash);
const seedHash = () =>
  CLUSTERED ? flipBits(templates[Math.floor(rand() * templates.length)]!, 8 + Math.floor(rand() * 7)) : randomHash();

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-dupes-bench-"));
  const db = await startEmbeddedPostgres({ dataDir: dir, port: await findFreePort(), password: "bench" });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await applyMigrations(db.url);
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Batch" ("id", "name", "updatedAt") VALUES (gen_random_uuid(), 'bench', now()) RETURNING "id"`,
    );
    const batchId = rows[0]!.id;
    const hashes: string[] = [];
    const insert = async (list: string[], checked: boolean) => {
      for (let i = 0; i < list.length; i += 20_000) {
        const chunk = list.slice(i, i + 20_000);
        await client.query(
          `INSERT INTO "Image" ("id", "batchId", "originalName", "storageKey", "contentType", "bytes", "sha256", "processingStatus", "perceptualHash", "duplicatesCheckedAt", "updatedAt")
           SELECT uuidv7(), $1, 'foto.jpg', 'bench/' || gen_random_uuid(), 'image/jpeg', 1000, md5(random()::text) || md5(random()::text), 'READY', h, CASE WHEN $3 THEN now() END, now()
           FROM unnest($2::text[]) AS h`,
          [batchId, chunk, checked],
        );
      }
    };
    let started = Date.now();
    for (let i = 0; i < PHOTOS; i++) hashes.push(hex(seedHash()));
    await insert(hashes, true);
    // Near copies of random seeded photos (1–6 bits away), waiting for the check task.
    const copies = Array.from({ length: COPIES }, () =>
      hex(
        flipBits(
          BigInt(`0x${hashes[Math.floor(rand() * hashes.length)]}`),
          1 + Math.floor(rand() * DUPLICATE_MAX_DISTANCE),
        ),
      ),
    );
    await insert(copies, false);
    await client.query(`VACUUM ANALYZE "Image"`);
    console.log(
      `seeded ${PHOTOS.toLocaleString("en")} photos (${CLUSTERED ? "clustered" : "uniform"} hashes) + ${COPIES} near copies in ${Date.now() - started} ms`,
    );

    const probe = copies[0]!;
    // The check task's own candidate search (one index-only scan per band), for one photo.
    const candidateQuery = (hash: string) =>
      Prisma.sql`SELECT * FROM (${candidatesOf(Prisma.sql`${hash}::text`)}) c WHERE c."distance" <= ${DUPLICATE_MAX_DISTANCE}`;
    const probeQuery = candidateQuery(probe);
    const plan = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${probeQuery.text}`,
      probeQuery.values,
    );
    console.log(`\nplan of the candidate query for one photo (${probe}):`);
    for (const row of plan.rows) console.log(`  ${row["QUERY PLAN"]}`);
    // For comparison, the same search as one bitmap scan over the 4 bands, which reads each candidate's row.
    const bitmapQuery = (hash: string) => ({
      text: `SELECT o."id", vitrine_phash_distance($1, o."perceptualHash") AS "distance" FROM "Image" o
        WHERE (${[0, 1, 2, 3].map((b) => `vitrine_phash_band(o."perceptualHash", ${b}) = ANY (vitrine_phash_band_neighbours($1, ${b}))`).join(" OR ")})
          AND vitrine_phash_distance($1, o."perceptualHash") <= ${DUPLICATE_MAX_DISTANCE}`,
      values: [hash],
    });
    const times = { indexOnly: [] as number[], bitmap: [] as number[] };
    for (const hash of copies.slice(0, 100)) {
      for (const [name, query] of [
        ["indexOnly", candidateQuery(hash)],
        ["bitmap", bitmapQuery(hash)],
      ] as const) {
        const t = process.hrtime.bigint();
        await client.query(query.text, query.values);
        times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    for (const [name, list] of Object.entries(times)) {
      list.sort((a, b) => a - b);
      console.log(
        `candidate query (${name}), 100 photos: p50 ${list[49]!.toFixed(2)} ms, p95 ${list[94]!.toFixed(2)} ms, max ${list[99]!.toFixed(2)} ms`,
      );
    }

    setPrisma(createPrismaClient(db.url, 2));
    started = Date.now();
    let checked = 0;
    let pairs = 0;
    for (;;) {
      const chunk = await checkDuplicatesChunk();
      checked += chunk.checked;
      pairs += chunk.pairs;
      if (chunk.checked === 0) break;
    }
    const ms = Date.now() - started;
    console.log(
      `check task: ${checked} photos in ${ms} ms (${Math.round((checked * 1000) / Math.max(ms, 1))} photos/s), ${pairs} pairs recorded (${COPIES} copies planted)`,
    );
  } finally {
    await client.end().catch(() => {});
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
