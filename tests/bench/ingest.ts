// `npm run bench:ingest [-- <photo folder>]`: uploads real photos through the real HTTP path
// (production build, embedded defaults) and prints end-to-end throughput, upload→thumbnail
// latency percentiles, peak server RSS, and — in the same run — raw sharp thumbnail throughput
// on the same files with the ratio. BENCH_FILES (default 300) sets how many files are sent: the
// photos are cycled and each copy gets a unique JPEG comment, so every file has its own sha256.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { findFreePort } from "@/lib/db/embedded-postgres";

const TOTAL = Number(process.env.BENCH_FILES ?? 300);
const UPLOAD_CONCURRENCY = Number(process.env.BENCH_UPLOAD_CONCURRENCY ?? 4);
const WORKER_CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 4);
const ADMIN = { email: "bench@vitrine.local", password: "bench-senha-123" };

function fetchDebianPhotos(target: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-photos-"));
  for (const pkg of ["mate-backgrounds", "ukui-wallpapers", "lomiri-wallpapers-20.04"]) {
    execFileSync("apt-get", ["download", pkg], { cwd: work, stdio: "ignore" });
  }
  for (const deb of fs.readdirSync(work).filter((f) => f.endsWith(".deb"))) execFileSync("dpkg", ["-x", path.join(work, deb), path.join(work, "x")]);
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
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function rssOfTree(rootPid: number): number {
  // Sum of the launcher and its Node children (the Next.js server); PostgreSQL is not the app server.
  let total = 0;
  const pids = [rootPid];
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "";
      if (!name.startsWith("postgres")) total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      /* process ended */
    }
  }
  return total;
}

/** The best of 1, 2 and 4 parallel raw thumbnail pipelines from memory: no HTTP, no storage, no database. */
async function rawSharpBaseline(files: { bytes: Buffer }[]): Promise<{ rate: number; parallel: number }> {
  let best = { rate: 0, parallel: 1 };
  for (const parallel of [1, 2, 4]) {
    const started = performance.now();
    await pool(files, parallel, async (file) => {
      await sharp(file.bytes).rotate().resize({ width: 300, withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    });
    const rate = files.length / ((performance.now() - started) / 1000);
    if (rate > best.rate) best = { rate, parallel };
  }
  return best;
}

async function main() {
  const photos = loadPhotos();
  if (photos.length === 0) throw new Error("no photos found");
  const files = Array.from({ length: TOTAL }, (_, i) => {
    const photo = photos[i % photos.length]!;
    return { name: `BENCH-${String(i).padStart(5, "0")}_${path.parse(photo.name).name}.jpg`, bytes: uniqueCopy(photo.bytes, i) };
  });
  const totalBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) execFileSync("npx", ["next", "build"], { stdio: "inherit" });

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-"));
  const port = await findFreePort();
  const server = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "start"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), VITRINE_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await findFreePort()), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "warn", LOG_FORMAT: "json", WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOfTree(server.pid!))), 200);
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("server did not start");
      const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const { token } = await (await fetch(`${base}/api/v1/auth/token`, { method: "POST", body: JSON.stringify(ADMIN), headers: { "content-type": "application/json" } })).json();
    const auth = { authorization: `Bearer ${token}` };
    const batch = await (await fetch(`${base}/api/v1/batches`, { method: "POST", body: JSON.stringify({ name: "bench" }), headers: { ...auth, "content-type": "application/json" } })).json();

    // Send the first file, start the batch, then stream the rest: arrivals are processed as they land.
    const uploadedAt = new Map<string, number>();
    const upload = async (file: (typeof files)[number]) => {
      const form = new FormData();
      form.append("uploadId", file.name.replace(/[^A-Za-z0-9_-]/g, "_"));
      form.append("file", new Blob([new Uint8Array(file.bytes)], { type: "image/jpeg" }), file.name);
      const res = await fetch(`${base}/api/v1/batches/${batch.id}/files`, { method: "POST", body: form, headers: auth });
      const body = await res.json();
      if (!res.ok) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
      uploadedAt.set(body.results[0].imageId, performance.now());
    };
    const started = performance.now();
    await upload(files[0]!);
    await fetch(`${base}/api/v1/batches/${batch.id}/start`, { method: "POST", headers: auth });
    await pool(files.slice(1), UPLOAD_CONCURRENCY, upload);
    const uploadSeconds = (performance.now() - started) / 1000;

    // Poll image states; record when each thumbnail became ready.
    const readyAt = new Map<string, number>();
    while (readyAt.size < files.length) {
      let cursor: string | null = null;
      do {
        const page: { items: { id: string; processingStatus: string }[]; nextCursor: string | null } = await (
          await fetch(`${base}/api/v1/images?batchId=${batch.id}&limit=500${cursor ? `&cursor=${cursor}` : ""}`, { headers: auth })
        ).json();
        const now = performance.now();
        for (const item of page.items) {
          if ((item.processingStatus === "READY" || item.processingStatus === "FAILED") && !readyAt.has(item.id)) readyAt.set(item.id, now);
        }
        cursor = page.nextCursor;
      } while (cursor);
      if (readyAt.size < files.length) await new Promise((r) => setTimeout(r, 250));
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const latencies = [...readyAt].map(([id, at]) => (at - (uploadedAt.get(id) ?? started)) / 1000);
    clearInterval(sampler);

    const raw = await rawSharpBaseline(files);
    const rawRate = raw.rate;
    const e2eRate = files.length / totalSeconds;
    const rows: [string, string][] = [
      ["files / distinct photos", `${files.length} / ${photos.length}`],
      ["total bytes", `${(totalBytes / 1e6).toFixed(1)} MB`],
      ["upload phase", `${uploadSeconds.toFixed(1)} s (${(totalBytes / 1e6 / uploadSeconds).toFixed(1)} MB/s)`],
      ["end to end (first byte → last thumbnail)", `${totalSeconds.toFixed(1)} s`],
      ["end-to-end throughput", `${e2eRate.toFixed(2)} images/s, ${(totalBytes / 1e6 / totalSeconds).toFixed(1)} MB/s`],
      ["upload → thumbnail p50 / p95", `${percentile(latencies, 50).toFixed(2)} s / ${percentile(latencies, 95).toFixed(2)} s`],
      ["peak server RSS (launcher + Next.js)", `${(peakRss / 1024 / 1024).toFixed(0)} MiB`],
      [`raw sharp thumbnails (best: ${raw.parallel} parallel, same files)`, `${rawRate.toFixed(2)} images/s`],
      ["ratio end-to-end / raw", (e2eRate / rawRate).toFixed(2)],
    ];
    console.log("\nVitrine ingest benchmark");
    for (const [k, v] of rows) console.log(`  ${k.padEnd(48)} ${v}`);
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
