import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { DUPLICATE_MAX_DISTANCE } from "./phash-bands";

const log = getLogger("CATALOG");

/** Photos checked per chunk: one transaction each. */
export const DUPLICATE_CHECK_CHUNK = 200;
/** Chunks per run of the maintenance task, so a backfill of many photos moves on without one run holding the worker long. */
const CHUNKS_PER_RUN = 10;
/** A chunk of photos with many near matches inserts many pairs: it gets longer than Prisma's 5 s default. */
const CHUNK_TIMEOUT_MS = 120_000;

/**
 * Photos whose hash shares a band with `hash` within one bit (lib/duplicates/phash-bands.ts), with
 * their exact distance: one index-only scan per band (the band indexes include the hash and the id),
 * so the candidates are checked without reading their rows. A photo may come from several bands.
 */
export function candidatesOf(hash: Prisma.Sql): Prisma.Sql {
  const bands = [0, 1, 2, 3].map(
    (band) => Prisma.sql`
      SELECT o."id", vitrine_phash_distance(${hash}, o."perceptualHash") AS "distance" FROM "Image" o
      WHERE vitrine_phash_band(o."perceptualHash", ${Prisma.raw(String(band))}) = ANY (vitrine_phash_band_neighbours(${hash}, ${Prisma.raw(String(band))}))`,
  );
  return Prisma.join(bands, " UNION ALL ");
}

/**
 * One chunk of processed photos not yet checked: finds each one's near matches by the hash bands
 * (every photo with a hash, checked or not, so two photos of one batch find each other) and records
 * the pairs. A pair already recorded keeps its state (ON CONFLICT DO NOTHING), so a re-run, a retry
 * or a re-processed photo never reopens a decision.
 *
 * The photos' rows are locked only by the last statement, which marks them checked just before the
 * commit: the pairs are searched and inserted first, without a lock on any photo. (The chunk used
 * to lock its 200 photos FOR UPDATE for the whole search; with thousands of near matches that took
 * seconds, and an AI run writing one of those photos waited, its transaction timed out:
 * `npm run bench:ai`.) One chunk at a time in the bank: a transaction-level advisory lock, so two
 * processes never search the same photos.
 */
export async function checkDuplicatesChunk(limit = DUPLICATE_CHECK_CHUNK): Promise<{ checked: number; pairs: number }> {
  return getPrisma().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtext('vitrine.check-duplicates')) AS "locked"`;
      if (!lock?.locked) return { checked: 0, pairs: 0 };
      const pending = await tx.$queryRaw<{ id: string; hash: string }[]>`
        SELECT i."id"::text AS "id", i."perceptualHash" AS "hash" FROM "Image" i
        WHERE i."duplicatesCheckedAt" IS NULL AND i."perceptualHash" IS NOT NULL
        ORDER BY i."id" LIMIT ${limit}`;
      if (pending.length === 0) return { checked: 0, pairs: 0 };
      const ids = pending.map((p) => p.id);
      const hashes = pending.map((p) => p.hash);
      const [inserted] = await tx.$queryRaw<{ pairs: number }[]>`
        WITH pending AS (
          SELECT * FROM unnest(${ids}::uuid[], ${hashes}::text[]) AS p("id", "hash")
        ), near AS (
          SELECT DISTINCT LEAST(p."id", c."id") AS "aId", GREATEST(p."id", c."id") AS "bId", c."distance"
          FROM pending p CROSS JOIN LATERAL (${candidatesOf(Prisma.sql`p."hash"`)}) c
          WHERE c."id" <> p."id" AND c."distance" <= ${DUPLICATE_MAX_DISTANCE}
        ), inserted AS (
          INSERT INTO "ImageDuplicatePair" ("aId", "bId", "distance")
          SELECT "aId", "bId", "distance" FROM near
          ON CONFLICT ("aId", "bId") DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS "pairs" FROM inserted`;
      // A photo re-processed meanwhile (a new hash, not checked again yet) stays pending.
      const checked = await tx.$executeRaw`
        UPDATE "Image" i SET "duplicatesCheckedAt" = now()
        FROM unnest(${ids}::uuid[], ${hashes}::text[]) AS p("id", "hash")
        WHERE i."id" = p."id" AND i."perceptualHash" = p."hash" AND i."duplicatesCheckedAt" IS NULL`;
      return { checked, pairs: inserted?.pairs ?? 0 };
    },
    { timeout: CHUNK_TIMEOUT_MS },
  );
}

let running = false;

/**
 * The maintenance task that keeps the duplicate groups current: photos that finished processing
 * (and, after the migration, every photo already there) are checked in chunks. Returns how many
 * photos it checked (0 when a previous run of this process is still going).
 */
export async function checkPendingDuplicates(): Promise<number> {
  // A run still going (a backlog after the migration) is not joined by the next tick of the timer.
  if (running) return 0;
  running = true;
  try {
    return await checkChunks();
  } finally {
    running = false;
  }
}

async function checkChunks(): Promise<number> {
  let checked = 0;
  let pairs = 0;
  for (let i = 0; i < CHUNKS_PER_RUN; i++) {
    const chunk = await checkDuplicatesChunk();
    checked += chunk.checked;
    pairs += chunk.pairs;
    if (chunk.checked < DUPLICATE_CHECK_CHUNK) break;
  }
  if (pairs > 0) log.info({ action: "DUPLICATES_FOUND", checked, pairs }, "Possíveis duplicatas encontradas");
  return checked;
}
