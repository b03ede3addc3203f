// `npm run bench:ingest [-- <photo folder>]`: uploads real photos through the real HTTP path
// (production build, embedded defaults) and prints end-to-end throughput, upload→thumbnail
// latency percentiles, CPU per image (app server, PostgreSQL, this client), peak server RSS, and —
// in the same run, right before and right after — raw sharp thumbnail throughput on the same
// files with the ratio. BENCH_FILES (default 300) sets how many files are sent: the photos are
// cycled and each copy gets a unique JPEG comment, so every file has its own sha256.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { findFreePort } from "@/lib/db/embedded-postgres";

const TOTAL = Number(process.env.BENCH_FILES ?? 300);
const UPLOAD_CONCURRENCY = Number(process.env.BENCH_UPLOAD_CONCURRENCY ?? 4);
/** Start processing only after every file is in: splits the CPU cost of uploading from that of processing. */
const PROCESS_AFTER_UPLOAD = process.env.BENCH_PROCESS_AFTER_UPLOAD === "1";
/** The raw baseline runs on this many of the files (whole passes over the photos), 1, 2 and 4 in parallel, before and after. */
const BASELINE_FILES = Number(process.env.BENCH_BASELINE_FILES ?? 500);
const WORKER_CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
const ADMIN = { email: "bench@vitrine.local", password: "bench-senha-123" };

function fetchDebianPhotos(target: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-photos-"));
  for (const pkg of ["mate-backgrounds", "ukui-wallpapers", "lomiri-wallpapers-20.04"]) {
    execFileSync("apt-get", ["download", pkg], { cwd: work, stdio: "ignore" });
  }
  for (const deb of fs.readdirSync(work).filter((f) => f.endsWith(".deb")))
    execFileSync("dpkg", ["-x", path.join(work, deb), path.join(work, "x")]);
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(path.join(work, "x"), { recursive: true }) as string[]) {
    if (/\.jpe?g$/i.test(file)) fs.copyFileSync(path.join(work, "x", file), path.join(target, path.basename(file)));
  }
  fs.rmSync(work, { recursive: true, force: true });
}

function loadPhotos(): { name: string; bytes: Buffer }[] {
  const dir = process.argv[2] ?? path.join(process.cwd(), "tests", "bench", "photos");
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) {
    console.log(`Fetching Debian wallpaper packages into ${dir} …`);
    fetchDebianPhotos(dir);
  }
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
    .sort()
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(dir, name)) }));
}

/** Same pixels, new bytes: a JPEG COM segment right after SOI. */
function uniqueCopy(jpeg: Buffer, n: number): Buffer {
  const text = Buffer.from(`vitrine-bench-${n}`);
  const segment = Buffer.alloc(4 + text.length);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

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

/** The best of 1, 2 and 4 parallel raw thumbnail pipelines from memory: no HTTP, no storage, no database. */
async function rawSharpBaseline(
  files: { bytes: Buffer }[],
): Promise<{ rate: number; parallel: number; cpuSeconds: number }> {
  let best = { rate: 0, parallel: 1, cpuSeconds: 0 };
  for (const parallel of [1, 2, 4]) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await pool(files, parallel, async (file) => {
      await sharp(file.bytes)
        .rotate()
        .resize({ width: 300, withoutEnlargement: true })
        .jpeg({ quality: 75 })
        .toBuffer();
    });
    const rate = files.length / ((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    if (rate > best.rate) best = { rate, parallel, cpuSeconds: (used.user + used.system) / 1e6 };
  }
  return best;
}

/** A multipart body built once per file and sent with node:http: the load generator should cost the machine as little as a browser on another machine would. */
function multipartBody(name: string, bytes: Buffer): { body: Buffer[]; boundary: string; length: number } {
  const boundary = `----vitrine-bench-${crypto.randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="uploadId"\r\n\r\n${name.replace(/[^A-Za-z0-9_-]/g, "_")}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: [head, bytes, tail], boundary, length: head.length + bytes.length + tail.length };
}

function postMultipart(
  agent: http.Agent,
  url: URL,
  token: string,
  name: string,
  bytes: Buffer,
): Promise<{ status: number; body: string }> {
  const { body, boundary, length } = multipartBody(name, bytes);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    for (const part of body) request.write(part);
    request.end();
  });
}

/** Share of the machine's CPU time taken by the hypervisor from this VM (noise the ratio cannot remove). */
function cpuStealTicks(): { steal: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
}

async function main() {
  const photos = loadPhotos();
  if (photos.length === 0) throw new Error("no photos found");
  // Unique copies are made when sent (10,000 copies of 2.5 MB photos do not fit in memory at once).
  const fileAt = (i: number) => {
    const photo = photos[i % photos.length]!;
    return {
      name: `BENCH-${String(i).padStart(5, "0")}_${path.parse(photo.name).name}.jpg`,
      bytes: uniqueCopy(photo.bytes, i),
    };
  };
  let totalBytes = 0;
  for (let i = 0; i < TOTAL; i++)
    totalBytes += photos[i % photos.length]!.bytes.length + 4 + `vitrine-bench-${i}`.length;
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
    execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  // Raw baseline on a whole number of passes over the photos (the same mix as the upload).
  const baselineFiles = Array.from(
    { length: Math.min(TOTAL, Math.max(photos.length, Math.floor(BASELINE_FILES / photos.length) * photos.length)) },
    (_, i) => fileAt(i),
  );
  const rawBefore = await rawSharpBaseline(baselineFiles);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-"));
  const port = await findFreePort();
  // One token sends every file, one per request: its hourly quota (API_RATE_LIMIT_TOKEN_PER_HOUR) is
  // turned off; the per-IP flood guard stays on as in production.
  const server = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "start"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        VITRINE_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await findFreePort()),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: "warn",
        LOG_FORMAT: "json",
        WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
        API_RATE_LIMIT_TOKEN_PER_HOUR: "0",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: UPLOAD_CONCURRENCY });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, sampleTree(server.pid!))), 200);
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("server did not start");
      const ok = await fetch(`${base}/api/v1/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { token } = await (
      await fetch(`${base}/api/v1/auth/token`, {
        method: "POST",
        body: JSON.stringify(ADMIN),
        headers: { "content-type": "application/json" },
      })
    ).json();
    const auth = { authorization: `Bearer ${token}` };
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
    sampleTree(server.pid!);
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
    sampleTree(server.pid!);
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
    sampleTree(server.pid!);
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
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
