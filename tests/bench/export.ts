// `npm run bench:export`: the catalog benchmark's database (BENCH_IMAGES, default 1,000,000 photos;
// BENCH_DB_DIR=<dir> keeps it there and reuses it on the next run), the production server on it
// (`next build` must be current; workers off so nothing writes meanwhile), and every photo exported
// through the real route, GET /api/v1/export/filtered?format=<f> with an API token, over node:http:
// time to first byte, total time, rows/s (from the export's own ExportRecord), bytes, and the peak
// RSS growth of the server process tree (sampled every 50 ms, against its RSS right before the
// request). The raw baseline in the same run is `COPY (SELECT <the same columns, the same joins>) TO
// STDOUT (FORMAT csv)` through pg-copy-streams; each export's total is printed as a ratio to it.
// BENCH_RUNS (default 2) rounds, each: COPY, then csv, json, ndjson, xlsx (BENCH_FORMATS).
// BENCH_IN_PROCESS=1: no production build — the same route handler (GET of
// app/api/v1/export/filtered/route.ts) behind a node:http server in this process, its body piped to
// the socket as Next.js does; RSS is then this process's (the client only counts bytes). That is why
// the script runs under `node --conditions=react-server` (the route's `server-only` imports).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { ensureProductionBuild, startBenchServer, type BenchServer } from "./lib/app-server";
import { openCatalogDatabase } from "./lib/catalog-seed";

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const FORMATS = (process.env.BENCH_FORMATS ?? "csv,json,ndjson,xlsx").split(",");
const IN_PROCESS = process.env.BENCH_IN_PROCESS === "1";
const TARGET = { csvSeconds: 10, csvRatio: 2, firstByteMs: 1_000, rssGrowthMb: 100 };

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mb = (bytes: number) => bytes / 1024 / 1024;

// The columns and joins of lib/export/image-export.ts (IMAGE_EXPORT_SELECT, IMAGE_EXPORT_JOINS) —
// that module is server-only, so the text is repeated here; keep the two in step.
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const RAW_SELECT = `
  SELECT i."id"::text AS id, i."originalName", i."relativePath", p."sku", i."skuBase", i."sequence",
    i."status"::text AS status, i."matchStatus"::text, i."processingStatus"::text,
    i."processingErrorCode", i."processingError", i."width", i."height", i."bytes"::float8 AS bytes, i."contentType", i."sha256",
    ${iso(`i."createdAt"`)}, ${iso(`i."processedAt"`)}, b."name" AS brand, c."name" AS collection,
    p."nomePeca", p."categoria", p."subcategoria", p."tipoPeca", p."cor", p."origem",
    i."aiTitle", i."aiDescription", array_to_string(i."aiTags", ' '), array_to_string(i."aiHashtags", ' '),
    i."aiColor", i."aiMaterial", i."aiTipoPeca", i."aiStyle", i."aiOcrText", i."aiSource", i."aiModel", ${iso(`i."aiAnalyzedAt"`)},
    (SELECT su."url" FROM "BatchUrl" su WHERE su."imageId" = i."id" ORDER BY su."id" LIMIT 1) AS "sourceUrl"
  FROM "Image" i
  LEFT JOIN "Product" p ON p."id" = i."productId"
  LEFT JOIN "Brand" b ON b."id" = i."brandId"
  LEFT JOIN "Collection" c ON c."id" = i."collectionId"`;

/** RSS of a process and its descendants (the launcher and Next.js; PostgreSQL runs apart). */
function treeRss(rootPid: number): number {
  let rss = 0;
  for (const pid of descendants(rootPid)) {
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      /* process ended */
    }
  }
  return rss;
}

/**
 * CPU seconds a process has used (utime + stime) and, with `reaped`, what its exited children it
 * waited for used (cutime + cstime): PostgreSQL's backends and parallel workers end with their
 * query, and the postmaster reaps them, so their time is still counted there.
 */
function cpuSeconds(pid: number, reaped: boolean): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ").map(Number);
    const [utime, stime, cutime, cstime] = fields.slice(11, 15) as [number, number, number, number];
    return (utime + stime + (reaped ? cutime + cstime : 0)) / CLOCK_TICKS;
  } catch {
    return 0; // the process ended
  }
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

function descendants(rootPid: number): number[] {
  const pids = [rootPid];
  for (const pid of pids) {
    try {
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      /* process ended */
    }
  }
  return pids;
}

/** CPU seconds of a process tree, its reaped children included. */
function treeCpu(rootPid: number): number {
  return descendants(rootPid).reduce((sum, pid) => sum + cpuSeconds(pid, true), 0);
}

type CpuUse = { postgres: number; server: number; client: number };

/** Where the CPU went while `run` ran: PostgreSQL (the postmaster's tree), the server's tree, this process. */
async function cpuOf<T>(pids: { postmaster: number; server: number | null }, run: () => Promise<T>) {
  const before = { postgres: treeCpu(pids.postmaster), server: pids.server ? treeCpu(pids.server) : 0 };
  const client = process.cpuUsage();
  const result = await run();
  const clientUse = process.cpuUsage(client);
  const cpu: CpuUse = {
    postgres: treeCpu(pids.postmaster) - before.postgres,
    server: pids.server ? treeCpu(pids.server) - before.server : 0,
    client: (clientUse.user + clientUse.system) / 1e6,
  };
  return { result, cpu };
}

/** Samples `read()` every 50 ms until stopped; the peak. */
function peakSampler(read: () => number) {
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, read());
  };
}

type Measure = {
  name: string;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  rows: number;
  rssGrowth: number;
  cpu?: CpuUse;
};

/** One GET read to its end, bytes counted and dropped (as a client saving a file would). */
function download(url: string, headers: Record<string, string>): Promise<Omit<Measure, "name" | "rows" | "rssGrowth">> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    http
      .get(url, { headers }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return reject(new Error(`${url}: ${response.statusCode}`));
        }
        response.on("data", (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
        });
        response.on("end", () => resolve({ firstByteMs, totalMs: performance.now() - started, bytes }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

async function rawCopy(client: pg.Client): Promise<Measure> {
  const started = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  let rows = 0;
  const stream = client.query(copyTo(`COPY (${RAW_SELECT}) TO STDOUT (FORMAT csv, HEADER)`));
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
  const totalMs = performance.now() - started;
  const rssGrowth = 0;
  return { name: "raw COPY … TO STDOUT (csv)", firstByteMs, totalMs, bytes, rows: rows - 1, rssGrowth };
}

/** Where the route answers, whose RSS to watch, and how to stop it. */
type RouteServer = {
  base: string;
  auth: Record<string, string>;
  rss: () => number;
  /** The server's process, when it is not this one (its CPU is counted apart). */
  pid: number | null;
  stop: () => Promise<void>;
};

async function productionServer(databaseUrl: string): Promise<RouteServer> {
  ensureProductionBuild();
  // Workers off: the seeded photos left QUEUED would otherwise be processed (and fail, having no
  // file) during the run. Without workers the queue is "degraded" in the health answer (pg-boss
  // never started), so the server is ready once the database is.
  const server: BenchServer = await startBenchServer(
    { DATABASE_URL: databaseUrl, WORKERS_IN_APP: "false" },
    {
      isReady: async (health) =>
        health.ok || ((await health.json()) as { database?: { ok?: boolean } }).database?.ok === true,
    },
  );
  const pid = server.process.pid!;
  return { base: server.base, auth: server.auth, rss: () => treeRss(pid), pid, stop: server.stop };
}

/** The route handler in this process behind node:http (BENCH_IN_PROCESS=1). */
async function inProcessServer(databaseUrl: string): Promise<RouteServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-export-"));
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    VITRINE_DATA_DIR: dataDir,
    NEXTAUTH_SECRET: "bench-export-secret-0123456789abcdef",
    NEXTAUTH_URL: "http://localhost:3000",
    LOG_LEVEL: "warn",
    API_RATE_LIMIT_TOKEN_PER_HOUR: "0",
    API_RATE_LIMIT_IP_PER_MINUTE: "0",
  });
  const { GET } = await import("@/app/api/v1/export/filtered/route");
  const { getPrisma } = await import("@/lib/db/client");
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const user = await getPrisma().user.create({
    data: { email: `bench-export-${Date.now()}@vitrine.local`, role: "VIEWER", name: "bench", passwordHash: "-" },
  });
  const { token } = await createApiToken(user.id, "bench:export");
  const server = http.createServer((req, res) => {
    void (async () => {
      const request = new Request(`http://localhost${req.url}`, {
        headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]),
      });
      const response = await GET(request, { params: Promise.resolve({}) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await pipeline(Readable.fromWeb(response.body as WebReadableStream), res);
      else res.end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth: { authorization: `Bearer ${token}` },
    rss: () => process.memoryUsage.rss(),
    pid: null,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      // A reused database (BENCH_DB_DIR) must stay without users: the production server makes its
      // admin only then (its token is the production mode's).
      await getPrisma().user.delete({ where: { id: user.id } });
      await getPrisma().$disconnect();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function exportThroughRoute(server: RouteServer, client: pg.Client, format: string): Promise<Measure> {
  const before = server.rss();
  const stopSampling = peakSampler(server.rss);
  const result = await download(`${server.base}/api/v1/export/filtered?format=${format}`, server.auth);
  const peak = stopSampling();
  // The export's own record: its status and the rows the engine wrote.
  let record: { status: string; rows: number } | undefined;
  for (let i = 0; i < 50 && record?.status !== "DONE"; i++) {
    const { rows } = await client.query<{ status: string; rows: number }>(
      `SELECT status::text, rows FROM "ExportRecord" WHERE format = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [format],
    );
    record = rows[0];
    if (record?.status !== "DONE") await new Promise((r) => setTimeout(r, 100));
  }
  if (record?.status !== "DONE") throw new Error(`${format}: export record ${JSON.stringify(record)}`);
  return {
    name: `GET /api/v1/export/filtered?format=${format}`,
    ...result,
    rows: record.rows,
    rssGrowth: peak - before,
  };
}

const cpuText = (cpu: CpuUse | undefined) =>
  cpu ? `${cpu.postgres.toFixed(1)} / ${cpu.server.toFixed(1)} / ${cpu.client.toFixed(1)}` : "—";

function line(m: Measure, raw: Measure | null): string {
  const ratio = raw ? `  ${(m.totalMs / raw.totalMs).toFixed(2)}× raw` : "";
  const rss = raw ? `  RSS +${mb(m.rssGrowth).toFixed(0)} MiB` : "";
  return (
    `  ${m.name.padEnd(44)} first byte ${m.firstByteMs.toFixed(0).padStart(5)} ms  total ${(m.totalMs / 1000).toFixed(2).padStart(6)} s  ` +
    `${fmt(m.rows / (m.totalMs / 1000)).padStart(9)} rows/s  ${mb(m.bytes).toFixed(0).padStart(5)} MiB${rss}${ratio}  ` +
    `CPU s PostgreSQL / server / client ${cpuText(m.cpu)}`
  );
}

async function main() {
  console.log(
    `host: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (uptime)`,
  );
  const opened = await openCatalogDatabase({ images: IMAGES, keepDir: process.env.BENCH_DB_DIR });
  console.log(
    opened.reused
      ? `Reusing the seeded database in ${process.env.BENCH_DB_DIR}`
      : `Seeded ${fmt(IMAGES)} images in ${opened.seedSeconds.toFixed(1)} s`,
  );
  let server: RouteServer | null = null;
  const client = new pg.Client({ connectionString: opened.db.url });
  try {
    await client.connect();
    // The postmaster: the parent of this connection's backend.
    const { rows: backend } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const postmaster = Number(fs.readFileSync(`/proc/${backend[0]!.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    const { rows: count } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Image"`);
    server = IN_PROCESS ? await inProcessServer(opened.db.url) : await productionServer(opened.db.url);
    console.log(
      `${fmt(count[0]!.n)} images; ${IN_PROCESS ? "the route handler in this process (BENCH_IN_PROCESS=1)" : "the production server"}, RSS ${mb(server.rss()).toFixed(0)} MiB`,
    );
    // Warm-up: the route compiled and connected, and the table in the cache as it will be for COPY.
    await download(`${server.base}/api/v1/export/filtered?format=csv&limit=1000`, server.auth);
    await rawCopy(client);

    const all: { run: number; raw: Measure; exports: Measure[] }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      console.log(
        `\nround ${run} of ${RUNS} (load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}):`,
      );
      const pids = { postmaster, server: server.pid };
      const copied = await cpuOf(pids, () => rawCopy(client));
      const raw = { ...copied.result, cpu: copied.cpu };
      console.log(line(raw, null));
      const exports: Measure[] = [];
      for (const format of FORMATS) {
        const routed = await cpuOf(pids, () => exportThroughRoute(server!, client, format));
        const m = { ...routed.result, cpu: routed.cpu };
        exports.push(m);
        console.log(line(m, raw));
      }
      all.push({ run, raw, exports });
    }

    console.log(
      "\n| round | what | first byte ms | total s | rows/s | MiB | server RSS growth MiB | ÷ raw COPY | CPU s PostgreSQL / server / client |",
    );
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const { run, raw, exports } of all)
      for (const m of [raw, ...exports])
        console.log(
          `| ${run} | ${m.name} | ${m.firstByteMs.toFixed(0)} | ${(m.totalMs / 1000).toFixed(2)} | ${fmt(m.rows / (m.totalMs / 1000))} | ${mb(m.bytes).toFixed(0)} | ${m === raw ? "—" : mb(m.rssGrowth).toFixed(0)} | ${m === raw ? "1" : (m.totalMs / raw.totalMs).toFixed(2)} | ${cpuText(m.cpu)} |`,
        );
    const misses: string[] = [];
    for (const { run, raw, exports } of all)
      for (const m of exports) {
        const csv = m.name.endsWith("format=csv");
        if (csv && m.totalMs > TARGET.csvSeconds * 1000)
          misses.push(`round ${run} csv total ${(m.totalMs / 1000).toFixed(1)} s`);
        if (csv && m.totalMs > TARGET.csvRatio * raw.totalMs)
          misses.push(`round ${run} csv ${(m.totalMs / raw.totalMs).toFixed(2)}× raw`);
        if (m.firstByteMs > TARGET.firstByteMs)
          misses.push(`round ${run} ${m.name} first byte ${m.firstByteMs.toFixed(0)} ms`);
        if (mb(m.rssGrowth) > TARGET.rssGrowthMb)
          misses.push(`round ${run} ${m.name} RSS +${mb(m.rssGrowth).toFixed(0)} MiB`);
      }
    console.log(
      misses.length
        ? `\nover target (CSV ≤ 10 s and ≤ 2× raw, first byte ≤ 1 s, RSS growth ≤ 100 MB): ${misses.join("; ")}`
        : "\nevery export within its targets (CSV ≤ 10 s and ≤ 2× raw COPY, first byte ≤ 1 s, RSS growth ≤ 100 MB)",
    );
    console.log(
      `host load after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await client.end().catch(() => undefined);
    await server?.stop();
    await opened.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
