// `npm run bench:ui`: a 20,000-file batch in the browser (issue 18.2). Generates BENCH_UI_FILES
// (20,000) small distinct JPEGs (one tiny JPEG encoded once with sharp, each copy made distinct by its
// own COM segment), starts the production server on embedded defaults, and in Chromium (Playwright)
// drops the folder onto one batch through the card's folder input, answers the dry run with "Enviar
// tudo" and lets the upload run to the end. Prints: time until the summary and until the list holds
// every file, the longest main-thread task and the count over 200 ms (Long Tasks API, observer
// installed by an init script), JS heap (CDP) at 5 % / 50 % / 100 % of the files (1,000 / 10,000 /
// 20,000), browser upload files/s next to the same number of files through the API in the same run
// (ratio), and a reload in the middle of a second batch's upload followed by dropping its folder
// again: the files sent twice (target 0). Before the main drop, the same folder is also dragged onto
// another batch through CDP Input.dispatchDragEvent (a real directory entry, as from a file manager):
// time to the summary and its long tasks. BENCH_UI_PROFILE=<dir> writes the page's CPU profiles of
// the drop and of 15 s of the upload and a 10 s performance trace. Every wait has a deadline and
// logs its progress.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import sharp from "sharp";
import { signInViaApi } from "../e2e/support/api";
import {
  apiJson,
  BENCH_ADMIN,
  ensureProductionBuild,
  pool,
  postMultipart,
  postMultipartFiles,
  startBenchServer,
  uniqueJpegCopy,
} from "./lib/app-server";

const FILES = Number(process.env.BENCH_UI_FILES ?? 20_000);
const RESUME_FILES = Number(process.env.BENCH_UI_RESUME_FILES ?? Math.min(FILES, 2000));
const SKUS = Number(process.env.BENCH_UI_SKUS ?? 200);
const DEADLINE_MIN = Number(process.env.BENCH_UI_DEADLINE_MIN ?? 60);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** BENCH_UI_PROFILE=<dir>: the page's CPU profiles (CDP Profiler) of the drop and of 15 s of the upload, as .cpuprofile. */
const PROFILE_DIR = process.env.BENCH_UI_PROFILE;

const started = Date.now();
const log = (message: string) => console.log(`[bench:ui +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** Polls `probe` until it returns a value; logs what it sees every 10 s, throws after `timeoutMs`. */
async function waitFor<T>(
  label: string,
  probe: () => Promise<T | null | undefined>,
  { timeoutMs, everyMs = 250, describe }: { timeoutMs: number; everyMs?: number; describe?: () => Promise<string> },
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let nextLog = Date.now() + 10_000;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timeout after ${timeoutMs / 1000} s waiting for ${label}`);
    if (Date.now() >= nextLog) {
      nextLog = Date.now() + 10_000;
      log(`waiting for ${label}${describe ? `: ${await describe().catch(() => "?")}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** `count` distinct JPEGs of one tiny encoded picture, written flat into `dir` (names link to SKUs of the prefix). */
async function writeFolder(dir: string, count: number, offset: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const jpeg = await sharp({ create: { width: 24, height: 32, channels: 3, background: { r: 200, g: 90, b: 60 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
  for (let i = 0; i < count; i++) {
    // Every other file links to a SKU (2 angles each); the rest are camera names the dry run calls unknown.
    const name = i % 2 === 0 ? `UI26-${String((i / 2) % SKUS).padStart(4, "0")}_${i}.jpg` : `IMG_${i}.jpg`;
    fs.writeFileSync(path.join(dir, name), uniqueJpegCopy(jpeg, offset + i));
  }
}

type LongTasks = { count: number; over200: number; longest: number; big: Array<[start: number, ms: number]> };

const INIT_SCRIPT = `(() => {
  window.__longTasks = { count: 0, over200: 0, longest: 0, big: [] };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const t = window.__longTasks;
        t.count++;
        if (entry.duration > 200) { t.over200++; if (t.big.length < 20) t.big.push([Math.round(entry.startTime), Math.round(entry.duration)]); }
        if (entry.duration > t.longest) t.longest = entry.duration;
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (e) { window.__longTasks.error = String(e); }
})();`;

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __longTasks: LongTasks }).__longTasks);
const resetLongTasks = (page: Page) =>
  page.evaluate(() =>
    Object.assign((window as unknown as { __longTasks: LongTasks }).__longTasks, {
      count: 0,
      over200: 0,
      longest: 0,
      big: [],
    }),
  );

/** "12 de 20000 arquivos" of a card's upload progress → [done, total]. */
async function uploadCounts(page: Page, batchName: string): Promise<[number, number] | null> {
  const text = await card(page, batchName)
    .getByTestId("upload-progress")
    .textContent({ timeout: 1000 })
    .catch(() => null);
  const m = text ? /([\d.]+) de ([\d.]+) arquivos/.exec(text) : null;
  return m ? [Number(m[1]!.replace(/\./g, "")), Number(m[2]!.replace(/\./g, ""))] : null;
}

const card = (page: Page, name: string) =>
  page.getByTestId("batch-card").filter({ has: page.getByRole("heading", { name, exact: true }) });

/** Drops `dir` on the batch's folder input and waits for the dry-run summary; ms until it shows. */
async function dropFolder(page: Page, batchName: string, dir: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  const pageT0 = await page.evaluate(() => performance.now());
  await card(page, batchName).getByTestId("folder-input").setInputFiles(dir, { timeout: timeoutMs });
  log(
    `page clock: setInputFiles ${Math.round(pageT0)} → ${Math.round(await page.evaluate(() => performance.now()))} ms`,
  );
  log(`setInputFiles returned after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await waitForDryRun(page, batchName, "the dry-run summary", timeoutMs);
  return Date.now() - t0;
}

/** Waits for the batch's dry-run summary; on a timeout, says what the card showed instead. */
async function waitForDryRun(page: Page, batchName: string, what: string, timeoutMs: number): Promise<void> {
  const shown = (testId: string) =>
    card(page, batchName)
      .getByTestId(testId)
      .textContent({ timeout: 1000 })
      .catch(() => null);
  await waitFor(
    what,
    async () => ((await card(page, batchName).getByTestId("dry-run-panel").count()) > 0 ? true : null),
    {
      timeoutMs,
      describe: async () => (await shown("drop-progress")) ?? (await shown("upload-notice")) ?? "(nothing shown)",
    },
  );
}

/** Starts the page's CPU profiler when BENCH_UI_PROFILE is set; the returned function writes `<name>.cpuprofile`. */
async function startProfile(page: Page, name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => {};
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile } = await cdp.send("Profiler.stop");
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
    log(`CPU profile written: ${path.join(PROFILE_DIR, `${name}.cpuprofile`)}`);
  };
}

/**
 * Drags `dir` from "the desktop" onto the batch's drop zone (CDP Input.dispatchDragEvent with the
 * folder's path: the page gets a real directory entry, as from a file manager, read through
 * file-selector) and waits for the dry-run summary; ms until it shows.
 */
async function dragFolder(page: Page, batchName: string, dir: string, timeoutMs: number): Promise<number> {
  const zone = card(page, batchName).getByTestId("folder-input").locator("..");
  const box = (await zone.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [dir], dragOperationsMask: 1 };
  const t0 = Date.now();
  for (const type of ["dragEnter", "dragOver", "drop"] as const)
    await cdp.send("Input.dispatchDragEvent", { type, ...at, data });
  await cdp.detach();
  await waitForDryRun(page, batchName, "the dry-run summary of the dragged folder", timeoutMs);
  return Date.now() - t0;
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

async function main() {
  const watchdog = setTimeout(() => {
    console.error(`[bench:ui] deadline of ${DEADLINE_MIN} min passed: giving up`);
    process.exit(2);
  }, DEADLINE_MIN * 60_000);
  watchdog.unref();

  ensureProductionBuild();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-ui-"));
  const mainDir = path.join(root, "ESTUDIO-UI");
  const resumeDir = path.join(root, "RETOMADA-UI");
  let t = Date.now();
  await writeFolder(mainDir, FILES, 0);
  await writeFolder(resumeDir, RESUME_FILES, 10_000_000);
  log(`wrote ${FILES} + ${RESUME_FILES} distinct JPEGs in ${((Date.now() - t) / 1000).toFixed(1)} s (${root})`);

  // The per-IP flood guard (10,000/min) would pace the API path and the browser alike: off for both.
  const server = await startBenchServer({ API_RATE_LIMIT_IP_PER_MINUTE: "0" });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    log(`server at ${server.base}`);
    const brand = await apiJson<{ id: string }>(server, "POST", "/api/v1/brands", { name: "Marca UI" });
    const collection = await apiJson<{ id: string }>(server, "POST", "/api/v1/collections", {
      brandId: brand.id,
      name: "UI 26",
    });
    await pool(
      Array.from({ length: SKUS }, (_, i) => i),
      4,
      async (i) =>
        void (await apiJson(server, "POST", "/api/v1/products", {
          sku: `UI26-${String(i).padStart(4, "0")}`,
          brandId: brand.id,
          collectionId: collection.id,
        })),
    );
    const newBatch = (name: string) =>
      apiJson<{ id: string }>(server, "POST", "/api/v1/batches", {
        name,
        brandId: brand.id,
        collectionId: collection.id,
      });

    // The API path: the same number of files (other COM bytes, same sizes), 4 at a time like the browser.
    const apiBatch = await newBatch("API");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const names = fs.readdirSync(mainDir);
    t = Date.now();
    let sentApi = 0;
    const apiProgress = setInterval(() => log(`API path: ${sentApi} / ${names.length}`), 15_000);
    await pool(names, 4, async (name) => {
      const bytes = uniqueJpegCopy(fs.readFileSync(path.join(mainDir, name)), 20_000_000 + sentApi);
      const r = await postMultipart(
        agent,
        new URL(`${server.base}/api/v1/batches/${apiBatch.id}/files`),
        server.token,
        name,
        bytes,
      );
      if (r.status !== 200) throw new Error(`API upload ${name}: ${r.status} ${r.body}`);
      sentApi++;
    });
    clearInterval(apiProgress);
    const apiSeconds = (Date.now() - t) / 1000;
    log(`API path: ${FILES} files in ${apiSeconds.toFixed(1)} s`);

    // The API path as the browser queue now sends small files: 20 a request, 4 requests at a time.
    const groupedBatch = await newBatch("API em grupos");
    const groups: string[][] = [];
    for (let i = 0; i < names.length; i += 20) groups.push(names.slice(i, i + 20));
    t = Date.now();
    let sentGrouped = 0;
    const groupedProgress = setInterval(() => log(`API path, 20 a request: ${sentGrouped} / ${names.length}`), 15_000);
    await pool(groups, 4, async (group) => {
      const files = group.map((name, k) => ({
        name,
        bytes: uniqueJpegCopy(fs.readFileSync(path.join(mainDir, name)), 30_000_000 + sentGrouped + k),
      }));
      const r = await postMultipartFiles(
        agent,
        new URL(`${server.base}/api/v1/batches/${groupedBatch.id}/files`),
        server.token,
        files,
      );
      if (r.status !== 200) throw new Error(`API upload of ${group.length} files: ${r.status} ${r.body}`);
      sentGrouped += group.length;
    });
    clearInterval(groupedProgress);
    const groupedSeconds = (Date.now() - t) / 1000;
    log(`API path, 20 a request: ${FILES} files in ${groupedSeconds.toFixed(1)} s`);

    const base = server.base.replace("127.0.0.1", "localhost");
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1440, height: 900 },
      locale: "pt-BR",
    });
    await context.addInitScript(INIT_SCRIPT);
    await signInViaApi(context.request, BENCH_ADMIN.email, BENCH_ADMIN.password);
    const page = await context.newPage();
    const mainName = "Lote 20 mil";
    const dragName = "Lote arrastado";
    await newBatch(mainName);
    await newBatch(dragName);
    await page.goto("/lotes");
    await card(page, mainName).waitFor({ timeout: 60_000 });

    // The same folder dragged onto another batch (how most people drop a folder), up to the summary, then cancelled.
    await resetLongTasks(page);
    log(`dragging ${FILES} files`);
    const dragMs = await dragFolder(page, dragName, mainDir, 10 * 60_000);
    const dragTasks = await longTasks(page);
    log(`dragged: summary after ${(dragMs / 1000).toFixed(1)} s; long tasks ${JSON.stringify(dragTasks)}`);
    await card(page, dragName).getByRole("button", { name: "Cancelar" }).click();
    await resetLongTasks(page);
    const heapBefore = await heapMiB(page);

    log(`dropping ${FILES} files`);
    const stopDropProfile = await startProfile(page, "drop");
    const summaryMs = await dropFolder(page, mainName, mainDir, 10 * 60_000);
    await stopDropProfile();
    const panelText = await card(page, mainName).getByTestId("dry-run-panel").innerText();
    const dropTasks = await longTasks(page);
    log(`summary after ${(summaryMs / 1000).toFixed(1)} s; long tasks so far ${JSON.stringify(dropTasks)}`);
    const tClick = Date.now();
    await card(page, mainName).getByRole("button", { name: "Enviar tudo" }).click();
    await waitFor(
      "the list to hold every file",
      async () => ((await uploadCounts(page, mainName))?.[1] === FILES ? true : null),
      {
        timeoutMs: 5 * 60_000,
        describe: async () => JSON.stringify(await uploadCounts(page, mainName)),
      },
    );
    const listMs = Date.now() - tClick;
    log(`list holds ${FILES} files ${(listMs / 1000).toFixed(1)} s after "Enviar tudo"`);
    if (PROFILE_DIR) {
      const stopUploadProfile = await startProfile(page, "upload");
      await new Promise((r) => setTimeout(r, 15_000));
      await stopUploadProfile();
      // A performance trace of 10 s more: what the renderer's threads spend their time on (JS, layout, paint, network).
      await browser.startTracing(page, { path: path.join(PROFILE_DIR, "upload-trace.json"), screenshots: false });
      await new Promise((r) => setTimeout(r, 10_000));
      await browser.stopTracing();
      log(`trace written: ${path.join(PROFILE_DIR, "upload-trace.json")}`);
    }

    const marks = [Math.round(FILES * 0.05), Math.round(FILES * 0.5), FILES];
    const heaps: Array<[number, number]> = [];
    const badges: string[] = [];
    for (const mark of marks) {
      await waitFor(
        `${mark} files uploaded`,
        async () => ((await uploadCounts(page, mainName))?.[0] ?? 0) >= mark || null,
        {
          timeoutMs: 30 * 60_000,
          everyMs: 500,
          describe: async () =>
            `${JSON.stringify(await uploadCounts(page, mainName))} badge=${await card(page, mainName).getByTestId("batch-status").textContent()}`,
        },
      );
      heaps.push([mark, await heapMiB(page)]);
      badges.push((await card(page, mainName).getByTestId("batch-status").textContent()) ?? "");
      log(`${mark} uploaded; heap ${heaps.at(-1)![1].toFixed(1)} MiB; badge "${badges.at(-1)}"`);
    }
    const uploadSeconds = (Date.now() - tClick) / 1000;
    const mainTasks = await longTasks(page);

    // Resume: a second batch, reload half way through its upload, drop the folder again.
    const resumeName = "Lote retomada";
    await newBatch(resumeName);
    await page.reload();
    await card(page, resumeName).waitFor({ timeout: 60_000 });
    const successes = new Map<string, number>();
    page.on("response", (response) => {
      if (!response.url().endsWith("/files") || response.request().method() !== "POST") return;
      void response
        .json()
        .then((body: { results?: Array<{ uploadId: string; status: string }> }) => {
          for (const r of body.results ?? []) {
            // already_uploaded: the server had it (an answer the reload cut off): it was sent a second time.
            const n = (successes.get(r.uploadId) ?? 0) + (r.status === "already_uploaded" ? 2 : 1);
            successes.set(r.uploadId, n);
          }
        })
        .catch(() => {});
    });
    await dropFolder(page, resumeName, resumeDir, 5 * 60_000);
    await card(page, resumeName).getByRole("button", { name: "Enviar tudo" }).click();
    await waitFor(
      "half of the resume batch",
      async () => ((await uploadCounts(page, resumeName))?.[0] ?? 0) >= RESUME_FILES / 2 || null,
      {
        timeoutMs: 10 * 60_000,
        describe: async () => JSON.stringify(await uploadCounts(page, resumeName)),
      },
    );
    const beforeReload = (await uploadCounts(page, resumeName))?.[0] ?? 0;
    // The queue warns before leaving while files upload; the reload goes ahead anyway.
    page.on("dialog", (dialog) => void dialog.accept());
    await page.reload();
    await card(page, resumeName).waitFor({ timeout: 60_000 });
    await resetLongTasks(page);
    await dropFolder(page, resumeName, resumeDir, 5 * 60_000);
    const resumePanel = await card(page, resumeName).getByTestId("dry-run-panel").innerText();
    await card(page, resumeName).getByRole("button", { name: "Enviar tudo" }).click();
    await waitFor(
      "the resumed upload to finish",
      async () => ((await uploadCounts(page, resumeName))?.[0] ?? 0) >= RESUME_FILES || null,
      {
        timeoutMs: 10 * 60_000,
        describe: async () => JSON.stringify(await uploadCounts(page, resumeName)),
      },
    );
    await new Promise((r) => setTimeout(r, 1000));
    const sentTwice = [...successes.values()].filter((n) => n > 1).length;
    const alreadyUploaded = await apiJson<{ counts: { total: number } }>(
      server,
      "GET",
      `/api/v1/batches/${(await apiJson<{ items: Array<{ id: string; name: string }> }>(server, "GET", "/api/v1/batches?limit=10")).items.find((b) => b.name === resumeName)!.id}`,
    );
    const resumeTasks = await longTasks(page);

    const browserRate = FILES / uploadSeconds;
    const apiRate = FILES / apiSeconds;
    console.log("\n=== bench:ui ===");
    console.log(
      `files: ${FILES} distinct JPEGs (${(fs.statSync(path.join(mainDir, names[0]!)).size / 1024).toFixed(1)} KiB each), ${SKUS} SKUs, Chromium ${browser.version()}`,
    );
    console.log(
      `drop → dry-run summary: ${(summaryMs / 1000).toFixed(1)} s; "Enviar tudo" → list holds all ${FILES}: ${(listMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `folder dragged onto a batch → dry-run summary: ${(dragMs / 1000).toFixed(1)} s; long tasks ${dragTasks.count}, over 200 ms: ${dragTasks.over200}, longest ${dragTasks.longest.toFixed(0)} ms ${JSON.stringify(dragTasks.big)}`,
    );
    console.log(`summary: ${panelText.replace(/\s+/g, " ").slice(0, 300)}`);
    console.log(
      `long tasks during the drop (to the summary): ${dropTasks.count}, over 200 ms: ${dropTasks.over200}, longest ${dropTasks.longest.toFixed(0)} ms; over 200 ms [start, ms] on the page clock: ${JSON.stringify(dropTasks.big)}`,
    );
    console.log(
      `long tasks, drop + whole upload: ${mainTasks.count}, over 200 ms: ${mainTasks.over200}, longest ${mainTasks.longest.toFixed(0)} ms`,
    );
    console.log(
      `JS heap: before ${heapBefore.toFixed(1)} MiB; ${heaps.map(([n, h]) => `${n} files ${h.toFixed(1)} MiB`).join("; ")}`,
    );
    console.log(
      `upload: browser ${browserRate.toFixed(1)} files/s (${uploadSeconds.toFixed(1)} s), API ${apiRate.toFixed(1)} files/s (${apiSeconds.toFixed(1)} s) → ratio ${(browserRate / apiRate).toFixed(2)}; API 20 files a request ${(FILES / groupedSeconds).toFixed(1)} files/s (${groupedSeconds.toFixed(1)} s) → ratio ${(browserRate / (FILES / groupedSeconds)).toFixed(2)}`,
    );
    console.log(`badge at ${marks.join(" / ")} files: ${badges.map((b) => `"${b}"`).join(" / ")}`);
    console.log(
      `resume (${RESUME_FILES} files): reload at ${beforeReload} done, re-drop summary: ${resumePanel.replace(/\s+/g, " ").slice(0, 200)}`,
    );
    console.log(
      `resume: files sent twice ${sentTwice}; server has ${alreadyUploaded.counts.total} of ${RESUME_FILES}; long tasks after the reload ${resumeTasks.count}, over 200 ms ${resumeTasks.over200}, longest ${resumeTasks.longest.toFixed(0)} ms ${JSON.stringify(resumeTasks.big)}`,
    );
    agent.destroy();
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("[bench:ui] failed:", error);
    process.exit(1);
  },
);
