// `npm run bench:ingest [-- <photo folder>]`: uploads real photos through the real HTTP path
// (production build, embedded defaults) and prints end-to-end throughput, upload→thumbnail
// latency percentiles, CPU per image (app server, PostgreSQL, this client), peak server RSS, and —
// in the same run, right before and right after — raw sharp thumbnail throughput on the same
// files with the ratio. BENCH_FILES (default 300) sets how many files are sent: the photos are
// cycled and each copy gets a unique JPEG comment, so every file has its own sha256.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import {
  ensureProductionBuild,
  percentile,
  pool,
  postMultipart,
  startBenchServer,
  uniqueJpegCopy,
} from "./lib/app-server";
import { loadPhotos } from "./lib/photos";
import { rawSharpBaseline } from "./lib/raw-sharp";

const TOTAL = Number(process.env.BENCH_FILES ?? 300);
const UPLOAD_CONCURRENCY = Number(process.env.BENCH_UPLOAD_CONCURRENCY ?? 4);
/** Start processing only after every file is in: splits the CPU cost of uploading from that of processing. */
const PROCESS_AFTER_UPLOAD = process.env.BENCH_PROCESS_AFTER_UPLOAD === "1";
/** The raw baseline runs on this many of the files (whole passes over the photos), 1, 2 and 4 in parallel, before and after. */
const BASELINE_FILES = Number(process.env.BENCH_BASELINE_FILES ?? 500);
const WORKER_CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);

const CLOCK_TICKS_PER_SECOND = 100;
/** CPU seconds each process of the server's tree has used so far (kept after it ends). */
const cpuSecondsByPid = new Map<number, { isDatabase: boolean; seconds: number }>();

/** RSS of the launcher and its Node children (the Next.js server; PostgreSQL is not the app server), and CPU time of the whole tree. */
function sampleTree(rootPid: number): number {
  let rss = 0;
  const pids = [rootPid];
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const isDatabase = (/Name:\s+(\S+)/.exec(status)?.[1] ?? "").startsWith("postgres");
      if (!isDatabase) rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpuSecondsByPid.set(pid, {
        isDatabase,
        seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
      });
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      /* process ended */
    }
  }
  return rss;
}

function cpuSecondsOfTree(): { app: number; database: number } {
  let app = 0;
  let database = 0;
  for (const { isDatabase, seconds } of cpuSecondsByPid.values()) {
    if (isDatabase) database += seconds;
    else app += seconds;
  }
  return { app, database };
}

/** Share of the machine's CPU time taken by the hypervisor from this VM (noise the ratio cannot remove). */
function cpuStealTicks(): { steal: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
}

async function main() {
  const photos = loadPhotos(process.argv[2]);
  if (photos.length === 0) throw new Error("no photos found");
  // Unique copies are made when sent (10,000 copies of 2.5 MB photos do not fit in memory at once).
  const fileAt = (i: number) => {
    const photo = photos[i % photos.length]!;
    return {
      name: `BENCH-${String(i).padStart(5, "0")}_${path.parse(photo.name).name}.jpg`,
      bytes: uniqueJpegCopy(photo.bytes, i),
    };
  };
  let totalBytes = 0;
  for (let i = 0; i < TOTAL; i++)
    totalBytes += photos[i % photos.length]!.bytes.length + 4 + `vitrine-bench-${i}`.length;
  ensureProductionBuild();
  // Raw baseline on a whole number of passes over the photos (the same mix as the upload).
  const baselineFiles = Array.from(
    { length: Math.min(TOTAL, Math.max(photos.length, Math.floor(BASELINE_FILES / photos.length) * photos.length)) },
    (_, i) => fileAt(i),
  );
  const rawBefore = await rawSharpBaseline(baselineFiles);

  const server = await startBenchServer({ WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
  const { base, token, auth } = server;
  const agent = new http.Agent({ keepAlive: true, maxSockets: UPLOAD_CONCURRENCY });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, sampleTree(server.process.pid!))), 200);
  try {
    const batch = await (
      await fetch(`${base}/api/v1/batches`, {
        method: "POST",
        body: JSON.stringify({ name: "bench" }),
        headers: { ...auth, "content-type": "application/json" },
      })
    ).json();
    const uploadUrl = new URL(`${base}/api/v1/batches/${batch.id}/files`);
    const upload = async (i: number) => {
      const file = fileAt(i);
      const res = await postMultipart(agent, uploadUrl, token, file.name, file.bytes);
      if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${res.body}`);
    };

    // Send the first file, start the batch, then stream the rest: arrivals are processed as they land.
    sampleTree(server.process.pid!);
    const cpuBefore = { tree: cpuSecondsOfTree(), client: process.cpuUsage(), steal: cpuStealTicks() };
    const started = performance.now();
    const startedAtEpochMs = Date.now();
    const startBatch = () => fetch(`${base}/api/v1/batches/${batch.id}/start`, { method: "POST", headers: auth });
    await upload(0);
    if (!PROCESS_AFTER_UPLOAD) await startBatch();
    await pool(
      Array.from({ length: TOTAL - 1 }, (_, i) => i + 1),
      UPLOAD_CONCURRENCY,
      upload,
    );
    const uploadSeconds = (performance.now() - started) / 1000;
    sampleTree(server.process.pid!);
    const cpuAtUploadEnd = { tree: cpuSecondsOfTree(), client: process.cpuUsage(cpuBefore.client) };
    if (PROCESS_AFTER_UPLOAD) await startBatch();

    // Poll the batch's progress as the UI does (at the server's X-Polling-Interval) until every file
    // is processed or failed; the end time itself comes from the server's processedAt stamps, not the poll.
    for (;;) {
      const response = await fetch(`${base}/api/v1/batches/${batch.id}/progress`, { headers: auth });
      const progress: { processed: number; failed: number } = await response.json();
      if (progress.processed + progress.failed >= TOTAL) break;
      await new Promise((r) => setTimeout(r, Number(response.headers.get("x-polling-interval") ?? 2) * 1000));
    }
    clearInterval(sampler);
    sampleTree(server.process.pid!);
    const cpuAfter = cpuSecondsOfTree();
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const stealAfter = cpuStealTicks();
    const stealShare =
      (stealAfter.steal - cpuBefore.steal.steal) / Math.max(1, stealAfter.total - cpuBefore.steal.total);
    const perImageMs = (seconds: number) => `${((seconds * 1000) / TOTAL).toFixed(0)} ms`;

    // Upload → thumbnail latency from the server's own timestamps (row created once the blob is stored; processed).
    const latencies: number[] = [];
    let failed = 0;
    let lastProcessedAtMs = 0;
    let cursor: string | null = null;
    do {
      const page: {
        items: { createdAt: string; processedAt: string | null; processingStatus: string }[];
        nextCursor: string | null;
      } = await (
        await fetch(`${base}/api/v1/images?batchId=${batch.id}&limit=500${cursor ? `&cursor=${cursor}` : ""}`, {
          headers: auth,
        })
      ).json();
      for (const item of page.items) {
        if (item.processingStatus === "FAILED") failed += 1;
        if (!item.processedAt) continue;
        latencies.push((Date.parse(item.processedAt) - Date.parse(item.createdAt)) / 1000);
        lastProcessedAtMs = Math.max(lastProcessedAtMs, Date.parse(item.processedAt));
      }
      cursor = page.nextCursor;
    } while (cursor);

    const totalSeconds = (lastProcessedAtMs - startedAtEpochMs) / 1000;
    // This machine's speed drifts over minutes (shared host): the baseline runs right before and
    // right after the end-to-end run, and the ratio uses their mean (both are printed).
    const rawAfter = await rawSharpBaseline(baselineFiles);
    const rawRate = (rawBefore.rate + rawAfter.rate) / 2;
    const rawCpuMs = ((rawBefore.cpuSeconds + rawAfter.cpuSeconds) * 1000) / (2 * baselineFiles.length);
    const e2eRate = TOTAL / totalSeconds;
    const rows: [string, string][] = [
      ["files / distinct photos / failed", `${TOTAL} / ${photos.length} / ${failed}`],
      ["total bytes", `${(totalBytes / 1e6).toFixed(1)} MB`],
      ["upload phase", `${uploadSeconds.toFixed(1)} s (${(totalBytes / 1e6 / uploadSeconds).toFixed(1)} MB/s)`],
      ["end to end (first byte → last thumbnail)", `${totalSeconds.toFixed(1)} s`],
      ["end-to-end throughput", `${e2eRate.toFixed(2)} images/s, ${(totalBytes / 1e6 / totalSeconds).toFixed(1)} MB/s`],
      [
        "upload → thumbnail p50 / p95 (server clock)",
        `${percentile(latencies, 50).toFixed(2)} s / ${percentile(latencies, 95).toFixed(2)} s`,
      ],
      [
        "CPU per image: app server / PostgreSQL / bench client",
        [
          cpuAfter.app - cpuBefore.tree.app,
          cpuAfter.database - cpuBefore.tree.database,
          (clientCpu.user + clientCpu.system) / 1e6,
        ]
          .map(perImageMs)
          .join(" / "),
      ],
      [
        `  of which during the upload phase${PROCESS_AFTER_UPLOAD ? " (nothing processed yet)" : ""}`,
        [
          cpuAtUploadEnd.tree.app - cpuBefore.tree.app,
          cpuAtUploadEnd.tree.database - cpuBefore.tree.database,
          (cpuAtUploadEnd.client.user + cpuAtUploadEnd.client.system) / 1e6,
        ]
          .map(perImageMs)
          .join(" / "),
      ],
      ["CPU stolen by the hypervisor during the run", `${(stealShare * 100).toFixed(1)} %`],
      ["peak server RSS (launcher + Next.js)", `${(peakRss / 1024 / 1024).toFixed(0)} MiB`],
      [
        `raw sharp thumbnails, before / after (best of 1, 2, 4 parallel; ${baselineFiles.length} of the files)`,
        `${rawBefore.rate.toFixed(2)} / ${rawAfter.rate.toFixed(2)} images/s (${rawBefore.parallel} / ${rawAfter.parallel} parallel)`,
      ],
      ["raw sharp CPU per image", `${rawCpuMs.toFixed(0)} ms`],
      [
        "ratio end-to-end / raw (mean of before and after)",
        `${(e2eRate / rawRate).toFixed(2)} (${(e2eRate / Math.max(rawBefore.rate, rawAfter.rate)).toFixed(2)} against the faster one)`,
      ],
    ];
    console.log("\nVitrine ingest benchmark");
    for (const [k, v] of rows) console.log(`  ${k.padEnd(56)} ${v}`);
  } finally {
    clearInterval(sampler);
    agent.destroy();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
