/**
 * Scale check of the batch analytics (lib/batches/analytics): writes one URL batch of N URLs
 * (chunks of 2,000; 62 % fetched, 5 % of those failed over a few categories and hosts, the rest
 * pending) into a fresh embedded database, then times GET …/status, …/health and …/analyze's
 * functions (cold, then the median of 5 warm calls) and prints the plan of the per-chunk count.
 * Prints only, asserts nothing (timings depend on the machine).
 * Run: npm run bench:batch-analytics [-- --urls 1000000] [--no-vacuum]
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPrismaClient, setPrisma } from "@/lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { insertUrlBatch, type ChunkSpec } from "../support/url-batch-rows";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const URLS = arg("urls", 1_000_000);
const CHUNK = 2000;
const VACUUM = !process.argv.includes("--no-vacuum");

/** The analytics modules are `server-only` (Next's server layer); a plain Node script stubs that guard, as the tests do. */
async function loadAnalytics() {
  const require = createRequire(__filename);
  const guard = require.resolve("server-only");
  require.cache[guard] = { id: guard, filename: guard, loaded: true, exports: {} } as NodeJS.Module;
  const [{ getBatchAnalysis }, { getBatchHealth }, { getBatchStatus }] = await Promise.all([
    import("@/lib/batches/analytics/get-batch-analysis"),
    import("@/lib/batches/analytics/get-batch-health"),
    import("@/lib/batches/analytics/get-batch-status"),
  ]);
  return { getBatchAnalysis, getBatchHealth, getBatchStatus };
}

async function main() {
  const { getBatchAnalysis, getBatchHealth, getBatchStatus } = await loadAnalytics();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-analytics-bench-"));
  const db = await startEmbeddedPostgres({ dataDir: dir, port: await findFreePort(), password: "bench" });
  const client = new pg.Client({ connectionString: db.url });
  const prisma = createPrismaClient(db.url, 4);
  try {
    await applyMigrations(db.url);
    await client.connect();
    setPrisma(prisma);
    const run = (sql: string, params: unknown[]) => client.query(sql, params);
    const chunkCount = Math.ceil(URLS / CHUNK);
    const done = Math.floor(chunkCount * 0.62);
    const ago = (m: number) => new Date(Date.now() - m * 60_000);
    const chunks: ChunkSpec[] = Array.from({ length: chunkCount }, (_, i) => {
      const size = Math.min(CHUNK, URLS - i * CHUNK);
      if (i >= done + 2) return { status: "PENDING", urls: [{ count: size, status: "PENDING" }] };
      const failed = Math.round(size * 0.05);
      return {
        status: i < done ? "COMPLETED" : "RUNNING",
        startedAt: ago(120 - (i * 100) / done),
        finishedAt: i < done ? ago(119 - (i * 100) / done) : null,
        worker: `bench:${i % 4}`,
        urls: [
          { count: size - failed, status: "STORED" },
          {
            count: Math.floor(failed / 2),
            status: "FAILED",
            category: "TIMEOUT",
            errorCode: "URL_TIMEOUT",
            host: `h${i % 9}.test`,
          },
          {
            count: Math.floor(failed / 3),
            status: "FAILED",
            category: "HTTP_4XX",
            errorCode: "URL_HTTP_ERROR",
            httpStatus: 404,
          },
          {
            count: failed - Math.floor(failed / 2) - Math.floor(failed / 3),
            status: "FAILED",
            category: "BLOCKED_ADDRESS",
            urlPrefix: `http://10.${Math.floor(i / 250)}.${i % 250}.1/x-`,
          },
        ],
      };
    });
    let started = performance.now();
    const { batchId } = await insertUrlBatch(run, {
      name: "bench",
      status: "PROCESSING",
      startedAt: ago(120),
      chunks,
    });
    console.log(`inserted ${URLS.toLocaleString("en")} BatchUrl rows in ${Math.round(performance.now() - started)} ms`);
    started = performance.now();
    await client.query(VACUUM ? `VACUUM ANALYZE "BatchUrl"` : `ANALYZE "BatchUrl"`);
    console.log(`${VACUUM ? "VACUUM ANALYZE" : "ANALYZE"} in ${Math.round(performance.now() - started)} ms`);

    const results: Record<string, { coldMs: number; warmMedianMs: number }> = {};
    for (const [name, fn] of [
      ["status", getBatchStatus],
      ["health", getBatchHealth],
      ["analyze", getBatchAnalysis],
    ] as const) {
      let t = performance.now();
      await fn(batchId);
      const coldMs = Math.round(performance.now() - t);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        await fn(batchId);
        warm.push(performance.now() - t);
      }
      warm.sort((a, b) => a - b);
      results[name] = { coldMs, warmMedianMs: Math.round(warm[2]!) };
    }
    console.table(results);
    const plan = await client.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
       SELECT c."id", s."status", s.n FROM "BatchChunk" c
       LEFT JOIN LATERAL (SELECT u."status", count(*) AS n FROM "BatchUrl" u WHERE u."chunkId" = c."id" GROUP BY u."status") s ON true
       WHERE c."batchId" = $1::uuid`,
      [batchId],
    );
    console.log(plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n"));
  } finally {
    await prisma.$disconnect();
    await client.end().catch(() => {});
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
