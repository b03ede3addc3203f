// `npm run bench:urls [-- <photo folder>]`: a URL batch of BENCH_URLS (5,000) image URLs end to end
// through a real worker process (`scripts/worker.ts`: fetch under the SSRF guard → blob storage →
// the upload pipeline → thumbnail, hashes, matching), from a source server on 127.0.0.1
// (allow-listed) that serves the ingest benchmark's real photos (each URL its own bytes) after
// BENCH_URL_LATENCY_MS (50) per request. Prints URLs/s, fetch and URL→thumbnail latency p50/p95,
// CPU per URL (worker, PostgreSQL, this process), the worker's peak RSS, raw sharp thumbnail
// throughput on the same files right before and after with the ratio (as bench:ingest computes it),
// and the memory of parsing a 1,000,000-line list (BENCH_LIST_LINES) into a URL batch.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { percentile, uniqueJpegCopy } from "./lib/app-server";
import { loadPhotos } from "./lib/photos";
import { rawSharpBaseline } from "./lib/raw-sharp";

const TOTAL = Number(process.env.BENCH_URLS ?? 5000);
const LATENCY_MS = Number(process.env.BENCH_URL_LATENCY_MS ?? 50);
const CHUNK_SIZE = Number(process.env.BENCH_CHUNK_SIZE ?? 2000);
const BASELINE_FILES = Number(process.env.BENCH_BASELINE_FILES ?? 500);
const WORKER_CONCURRENCY = process.env.WORKER_CONCURRENCY ?? "4";

const CLOCK_TICKS_PER_SECOND = 100;

/** RSS (bytes) and CPU seconds of a process and its children, from /proc. */
function sampleProcess(rootPid: number): { rss: number; cpu: number } {
  let rss = 0;
  let cpu = 0;
  const pids = [rootPid];
  for (const pid of pids) {
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpu += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      /* ended */
    }
  }
  return { rss, cpu };
}

/** CPU seconds of every PostgreSQL process of this data directory (the postmaster's tree). */
function postgresCpu(dataDir: string): number {
  const pidFile = fs.readdirSync(dataDir, { recursive: true }).find((f) => String(f).endsWith("postmaster.pid"));
  if (!pidFile) return 0;
  const pid = Number(fs.readFileSync(path.join(dataDir, String(pidFile)), "utf8").split("\n")[0]);
  return sampleProcess(pid).cpu;
}

async function main() {
  const photos = loadPhotos(process.argv[2]);
  if (photos.length === 0) throw new Error("no photos found");
  const fileAt = (i: number) => uniqueJpegCopy(photos[i % photos.length]!.bytes, i);
  const baselineFiles = Array.from(
    { length: Math.min(TOTAL, Math.max(photos.length, Math.floor(BASELINE_FILES / photos.length) * photos.length)) },
    (_, i) => ({ bytes: fileAt(i) }),
  );
  const rawBefore = await rawSharpBaseline(baselineFiles);

  // The source: real photos, each URL its own bytes, LATENCY_MS before the answer.
  const requests = new Map<number, number>();
  const source = http.createServer((req, res) => {
    const match = /^\/photo\/(\d+)\//.exec(req.url ?? "");
    if (!match) return void res.writeHead(404).end();
    const i = Number(match[1]);
    requests.set(i, (requests.get(i) ?? 0) + 1);
    setTimeout(() => {
      const body = fileAt(i);
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": body.length });
      res.end(body);
    }, LATENCY_MS);
  });
  await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", () => resolve()));
  const sourcePort = (source.address() as { port: number }).port;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-urls-"));
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "db"),
    port: await findFreePort(),
    password: "bench-password",
    sizeForHost: true,
  });
  await applyMigrations(db.url);
  Object.assign(process.env, { DATABASE_URL: db.url, VITRINE_DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  // Imported once the environment names the bench's database and data directory.
  const { getPrisma } = await import("@/lib/db/client");
  const { startBatch } = await import("@/lib/batches/batch-control");
  const { stopBoss } = await import("@/lib/jobs/boss");
  const { createTestUrlBatch } = await import("../support/url-batches");
  const prisma = getPrisma();

  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      URL_FETCH_ALLOW_HOSTS: `127.0.0.1:${sourcePort}`,
      WORKER_CONCURRENCY,
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("exit", (code) => reject(new Error(`worker exited (${code})`)));
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("WORKER_READY")) resolve();
    });
  });
  worker.stdout!.resume();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, sampleProcess(worker.pid!).rss)), 200);

  try {
    const admin = await prisma.user.create({
      data: { email: "bench@vitrine.local", name: "Bench", role: "ADMIN", passwordHash: "x" },
    });
    const photoName = (i: number) =>
      `BENCH-${String(i).padStart(5, "0")}_${path.parse(photos[i % photos.length]!.name).name}.jpg`;
    const batch = await createTestUrlBatch({
      name: "bench:urls",
      chunkSize: CHUNK_SIZE,
      urls: Array.from({ length: TOTAL }, (_, i) => `http://127.0.0.1:${sourcePort}/photo/${i}/${photoName(i)}`),
      createdById: admin.id,
    });
    const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role };

    const cpuBefore = { worker: sampleProcess(worker.pid!).cpu, db: postgresCpu(dataDir), self: process.cpuUsage() };
    const startedAtMs = Date.now();
    await startBatch(actor, batch.id);
    for (;;) {
      const current = await prisma.batch.findUniqueOrThrow({ where: { id: batch.id }, select: { status: true } });
      if (current.status === "COMPLETED" || current.status === "COMPLETED_WITH_ERRORS") break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    clearInterval(sampler);
    const cpu = {
      worker: sampleProcess(worker.pid!).cpu - cpuBefore.worker,
      db: postgresCpu(dataDir) - cpuBefore.db,
      self: process.cpuUsage(cpuBefore.self),
    };
    const rows = await prisma.$queryRaw<
      { status: string; durationMs: number | null; startedAt: Date; fetchedAt: Date | null; processedAt: Date | null }[]
    >`
      SELECT u."status"::text AS status, u."durationMs", u."startedAt", u."fetchedAt", i."processedAt"
      FROM "BatchUrl" u LEFT JOIN "Image" i ON i."id" = u."imageId" WHERE u."batchId" = ${batch.id}::uuid`;
    const failed = rows.filter((r) => r.status === "FAILED").length;
    const lastProcessed = Math.max(...rows.map((r) => r.processedAt?.getTime() ?? 0));
    const lastFetched = Math.max(...rows.map((r) => r.fetchedAt?.getTime() ?? 0));
    const fetchMs = rows.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]));
    const toThumbnail = rows.flatMap((r) =>
      r.processedAt ? [(r.processedAt.getTime() - r.startedAt.getTime()) / 1000] : [],
    );
    const totalSeconds = (lastProcessed - startedAtMs) / 1000;
    const e2eRate = TOTAL / totalSeconds;
    const fetchedTwice = [...requests.values()].filter((n) => n > 1).length;

    const list = await measureListParse();
    const rawAfter = await rawSharpBaseline(baselineFiles);
    const rawRate = (rawBefore.rate + rawAfter.rate) / 2;
    const perUrlMs = (seconds: number) => `${((seconds * 1000) / TOTAL).toFixed(0)} ms`;
    const totalBytes = Array.from({ length: TOTAL }, (_, i) => photos[i % photos.length]!.bytes.length).reduce(
      (a, b) => a + b,
      0,
    );
    const out: [string, string][] = [
      ["URLs / distinct photos / failed / fetched twice", `${TOTAL} / ${photos.length} / ${failed} / ${fetchedTwice}`],
      ["total bytes", `${(totalBytes / 1e6).toFixed(1)} MB`],
      ["source latency per request", `${LATENCY_MS} ms`],
      ["start → last URL fetched", `${((lastFetched - startedAtMs) / 1000).toFixed(1)} s`],
      ["start → last thumbnail", `${totalSeconds.toFixed(1)} s`],
      ["end-to-end throughput", `${e2eRate.toFixed(2)} URLs/s, ${(totalBytes / 1e6 / totalSeconds).toFixed(1)} MB/s`],
      ["fetch p50 / p95 (request → blob stored)", `${percentile(fetchMs, 50)} ms / ${percentile(fetchMs, 95)} ms`],
      [
        "URL claimed → thumbnail p50 / p95",
        `${percentile(toThumbnail, 50).toFixed(2)} s / ${percentile(toThumbnail, 95).toFixed(2)} s`,
      ],
      [
        "CPU per URL: worker / PostgreSQL / bench (source server)",
        [cpu.worker, cpu.db, (cpu.self.user + cpu.self.system) / 1e6].map(perUrlMs).join(" / "),
      ],
      ["peak worker RSS", `${(peakRss / 1024 / 1024).toFixed(0)} MiB`],
      [
        `raw sharp thumbnails, before / after (best of 1, 2, 4 parallel; ${baselineFiles.length} of the files)`,
        `${rawBefore.rate.toFixed(2)} / ${rawAfter.rate.toFixed(2)} images/s`,
      ],
      [
        "raw sharp CPU per image",
        `${(((rawBefore.cpuSeconds + rawAfter.cpuSeconds) * 1000) / (2 * baselineFiles.length)).toFixed(0)} ms`,
      ],
      [
        "ratio end-to-end / raw (mean of before and after)",
        `${(e2eRate / rawRate).toFixed(2)} (${(e2eRate / Math.max(rawBefore.rate, rawAfter.rate)).toFixed(2)} against the faster one)`,
      ],
      ...list,
    ];
    console.log("\nVitrine URL batch benchmark");
    for (const [k, v] of out) console.log(`  ${k.padEnd(60)} ${v}`);
  } finally {
    clearInterval(sampler);
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
    await stopBoss().catch(() => {});
    source.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const LIST_LINES = Number(process.env.BENCH_LIST_LINES ?? 1_000_000);

/**
 * Time and peak memory of turning a LIST_LINES-line list into a URL batch (createUrlBatchFromList:
 * streamed parse + bulk inserts in one transaction), in a child process of its own so its peak RSS is
 * the import's alone. The list is generated as it streams; nothing is fetched.
 */
async function measureListParse(): Promise<[string, string][]> {
  if (LIST_LINES <= 0) return [];
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/url-list-parse-child.ts"],
    { env: { ...process.env, BENCH_LIST_LINES: String(LIST_LINES) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("{"));
  if (code !== 0 || !line) return [[`${LIST_LINES.toLocaleString("en")}-line list import`, `failed (exit ${code})`]];
  const r = JSON.parse(line) as {
    accepted: number;
    chunks: number;
    seconds: number;
    peakRss: number;
    peakHeap: number;
  };
  return [
    [
      `${LIST_LINES.toLocaleString("en")}-line list → URL batch (streamed parse + bulk inserts)`,
      `${r.seconds.toFixed(1)} s (${Math.round(LIST_LINES / r.seconds).toLocaleString("en")} lines/s), ${r.accepted} URLs in ${r.chunks} chunks`,
    ],
    [
      "  peak RSS / peak JS heap of that process",
      `${(r.peakRss / 1024 / 1024).toFixed(0)} MiB / ${(r.peakHeap / 1024 / 1024).toFixed(0)} MiB`,
    ],
  ];
}

/** `BENCH_LIST_ONLY=1`: only the list import, in a fresh embedded PostgreSQL. */
async function listOnly() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-urls-"));
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "db"),
    port: await findFreePort(),
    password: "bench-password",
    sizeForHost: true,
  });
  try {
    await applyMigrations(db.url);
    Object.assign(process.env, { DATABASE_URL: db.url, VITRINE_DATA_DIR: dataDir, LOG_LEVEL: "warn" });
    const { getPrisma } = await import("@/lib/db/client");
    await getPrisma().user.create({
      data: { email: "bench@vitrine.local", name: "Bench", role: "ADMIN", passwordHash: "x" },
    });
    console.log("\nVitrine URL list import benchmark");
    for (const [k, v] of await measureListParse()) console.log(`  ${k.padEnd(60)} ${v}`);
    await getPrisma().$disconnect();
  } finally {
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

(process.env.BENCH_LIST_ONLY === "1" ? listOnly() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
