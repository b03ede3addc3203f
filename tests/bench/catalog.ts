// `npm run bench:catalog`: seeds BENCH_IMAGES (default 1,000,000) images by SQL into a fresh embedded
// PostgreSQL — 5 brands, 40 collections, up to 100,000 products with carteira fields, statuses, match
// statuses, colours, AI text and tags on a fifth, perceptual hashes, sku/sku_base, dates over two years —
// then starts the production server (`next build` must be current: it is run when .next/BUILD_ID is
// missing) and measures through the HTTP API with a real token, BENCH_REPEATS (default 20) times each:
// first and deep pages per sort and per filter, searches, facets, the dashboard page (signed in), the
// coverage report, products?q=, products/groups and a bulk status change by filter. Prints p50/p95/max
// per query with its target, the server's RSS, and raw baselines (the health route; the first page's
// id query straight through pg) with the ratio.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { catalogScale, seedCatalog } from "./lib/catalog-seed";

const IMAGES = Number(process.env.BENCH_IMAGES ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const DEEP_PAGES = Number(process.env.BENCH_DEEP_PAGES ?? 50);
const BULK_IMAGES = Number(process.env.BENCH_BULK_IMAGES ?? 50_000);
const { products: PRODUCTS, collections: COLLECTIONS, brands: BRANDS, batchSize: BATCH_SIZE } = catalogScale(IMAGES);
const ADMIN = { email: "bench@vitrine.local", password: "bench-senha-123" };

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** RSS of the launcher and its Node children (PostgreSQL runs apart, started by this script). */
function treeRss(rootPid: number): number {
  let rss = 0;
  const pids = [rootPid];
  for (const pid of pids) {
    try {
      rss += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      /* process ended */
    }
  }
  return rss;
}

type Row = { name: string; target: number | null; times: number[]; note?: string };
const results: Row[] = [];

function record(name: string, target: number | null, times: number[], note?: string) {
  results.push({ name, target, times, note });
  const p95 = percentile(times, 95);
  const flag = target === null ? "" : p95 <= target ? "ok" : "SLOW";
  console.log(
    `  ${name.padEnd(58)} p50 ${percentile(times, 50).toFixed(1).padStart(7)}  p95 ${p95.toFixed(1).padStart(7)}  max ${Math.max(
      ...times,
    )
      .toFixed(1)
      .padStart(7)} ms  ${flag}${note ? `  (${note})` : ""}`,
  );
}

/** Cursor as lib/images/image-cursor.ts writes it (base64url of the sort and its key values). */
const cursorOf = (values: (string | null)[]) => Buffer.from(JSON.stringify(values), "utf8").toString("base64url");

async function main() {
  if (process.env.BENCH_SEED_ONLY === "1") {
    /* no server */
  } else if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.log("No production build (.next/BUILD_ID): running `next build` first …");
    execFileSync("npx", ["next", "build"], { stdio: "inherit" });
  } else {
    const built = fs.statSync(path.join(process.cwd(), ".next", "BUILD_ID")).mtime;
    console.log(`Using the production build of ${built.toISOString()} (run \`npx next build\` after changing code).`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-catalog-"));
  const pgPort = Number(process.env.BENCH_PG_PORT ?? (await findFreePort()));
  const appPort = Number(process.env.BENCH_PORT ?? (await findFreePort()));
  // Sized as the app sizes its embedded database (lib/db/prepare-database.ts).
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "db"),
    port: pgPort,
    password: "bench",
    sizeForHost: true,
  });
  let server: ReturnType<typeof spawn> | null = null;
  const client = new pg.Client({ connectionString: db.url });
  // Stopped by hand (Ctrl-C): the server and PostgreSQL stop too, and the data goes.
  const stopAll = () => {
    server?.kill("SIGTERM");
    void db.stop().finally(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  if (process.env.BENCH_SEED_ONLY !== "1")
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, stopAll);
  try {
    await applyMigrations(db.url);
    await client.connect();
    const seedStarted = performance.now();
    await seedCatalog(client, IMAGES);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const { rows: sizes } = await client.query(
      `SELECT (SELECT count(*) FROM "Image")::int AS images, (SELECT count(*) FROM "Product")::int AS products,
              pg_size_pretty(pg_total_relation_size('"Image"')) AS size`,
    );
    console.log(
      `Seeded ${fmt(sizes[0].images)} images, ${fmt(sizes[0].products)} products, ${BRANDS} brands, ${COLLECTIONS} collections in ${seedSeconds.toFixed(1)} s (Image table + indexes ${sizes[0].size})`,
    );

    if (process.env.BENCH_SEED_ONLY === "1") {
      // For EXPLAIN ANALYZE by hand: the seeded database stays up until this process is stopped.
      console.log(`BENCH_SEED_ONLY: database at ${db.url} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      return;
    }
    server = spawn(
      process.execPath,
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "start"],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          PORT: String(appPort),
          DATABASE_URL: db.url,
          VITRINE_DATA_DIR: path.join(dataDir, "app"),
          ADMIN_EMAIL: ADMIN.email,
          ADMIN_PASSWORD: ADMIN.password,
          LOG_LEVEL: "warn",
          LOG_FORMAT: "json",
          API_RATE_LIMIT_TOKEN_PER_HOUR: "0",
          API_RATE_LIMIT_IP_PER_MINUTE: "0",
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const base = `http://127.0.0.1:${appPort}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("server did not start");
      const ok = await fetch(`${base}/api/v1/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const tokenResponse = await fetch(`${base}/api/v1/auth/token`, {
      method: "POST",
      body: JSON.stringify(ADMIN),
      headers: { "content-type": "application/json" },
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    if (!token) throw new Error(`no token: ${tokenResponse.status}`);
    const auth = { authorization: `Bearer ${token}` };

    const get = async (url: string, headers: Record<string, string> = auth) => {
      const started = performance.now();
      const response = await fetch(`${base}${url}`, { headers });
      const body = await response.text();
      const ms = performance.now() - started;
      return { ms, status: response.status, body };
    };
    const getJson = async <T>(url: string): Promise<{ ms: number; json: T }> => {
      const r = await get(url);
      if (r.status !== 200) throw new Error(`${url}: ${r.status} ${r.body.slice(0, 300)}`);
      return { ms: r.ms, json: JSON.parse(r.body) as T };
    };
    /** Two untimed warm-up calls, then REPEATS timed ones. */
    const measure = async (name: string, target: number | null, url: string, headers?: Record<string, string>) => {
      for (let i = 0; i < 2; i++) {
        const r = await get(url, headers);
        if (r.status === 404 && url.includes("/groups"))
          return record(name, null, [0], "404: route not on this branch");
        if (r.status !== 200) throw new Error(`${url}: ${r.status} ${r.body.slice(0, 300)}`);
      }
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) times.push((await get(url, headers)).ms);
      record(name, target, times);
    };
    /** Follows nextCursor DEEP_PAGES pages; the times are the pages after the first. */
    const deep = async (name: string, target: number, url: string) => {
      const times: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page <= DEEP_PAGES; page++) {
        const sep = url.includes("?") ? "&" : "?";
        const r: { ms: number; json: { nextCursor: string | null } } = await getJson(
          cursor ? `${url}${sep}cursor=${cursor}` : url,
        );
        if (page > 0) times.push(r.ms);
        cursor = r.json.nextCursor;
        if (!cursor) break;
      }
      record(name, target, times.length ? times : [0], `${times.length} pages`);
    };

    // Ids and keys to filter by, read from the data.
    const one = async (sql: string) => (await client.query(sql)).rows[0] as Record<string, string>;
    const collection = await one(`SELECT id FROM "Collection" ORDER BY id OFFSET 7 LIMIT 1`);
    const brand = await one(`SELECT id FROM "Brand" ORDER BY id OFFSET 2 LIMIT 1`);
    const batch = await one(`SELECT id FROM "Batch" ORDER BY id OFFSET ${Math.floor(IMAGES / BATCH_SIZE / 2)} LIMIT 1`);
    const product = await one(`SELECT sku FROM "Product" ORDER BY sku OFFSET ${Math.floor(PRODUCTS / 3)} LIMIT 1`);
    const middle = await one(
      `SELECT id::text, "skuBase", sequence, "originalName" FROM "Image" ORDER BY id OFFSET ${Math.floor(IMAGES / 2)} LIMIT 1`,
    );
    const middleDate = new Date(
      (await one(`SELECT "createdAt" FROM "Image" WHERE id = '${middle.id}'`)).createdAt as unknown as string,
    );
    /** The UTC day `days` after `date`, as the date filters take it (YYYY-MM-DD). */
    const dayOf = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    // An empty combination: a collection whose photos carry no such status (none are REJEITADO in it).
    await client.query(`UPDATE "Image" SET status = 'PENDENTE' WHERE "collectionId" = $1 AND status = 'REJEITADO'`, [
      collection.id,
    ]);
    await client.query(`ANALYZE "Image"`);

    const L = "limit=100";
    console.log(`\nThrough the HTTP API (${REPEATS} repeats after 2 warm-ups; ms):`);
    // Raw baselines first: the trivial route, and the first page's id query straight through pg.
    await measure("baseline: GET /api/v1/health", null, "/api/v1/health", {});
    const rawTimes: number[] = [];
    for (let i = 0; i < REPEATS + 2; i++) {
      const started = performance.now();
      await client.query(`SELECT i."id"::text AS id FROM "Image" i WHERE TRUE ORDER BY i."id" ASC LIMIT 101`);
      if (i >= 2) rawTimes.push(performance.now() - started);
    }
    record("baseline: first page's id SELECT straight through pg", null, rawTimes);

    for (const sort of ["arrival", "recent", "sku", "name"]) {
      await measure(`images first page, sort=${sort}`, 50, `/api/v1/images?${L}&sort=${sort}`);
      await deep(`images ${DEEP_PAGES} pages by cursor, sort=${sort}`, 50, `/api/v1/images?${L}&sort=${sort}`);
    }
    const depthCursors: Record<string, string> = {
      arrival: cursorOf(["arrival", middle.id!]),
      recent: cursorOf(["recent", middle.id!]),
      sku: cursorOf(["sku", middle.skuBase ?? null, middle.sequence ?? null, middle.id!]),
      name: cursorOf(["name", middle.originalName!, middle.id!]),
    };
    for (const [sort, cursor] of Object.entries(depthCursors))
      await measure(
        `images page at depth ${fmt(IMAGES / 2)}, sort=${sort}`,
        50,
        `/api/v1/images?${L}&sort=${sort}&cursor=${cursor}`,
      );

    const filters: [string, string][] = [
      ["collectionId", `collectionId=${collection.id}`],
      ["brandId", `brandId=${brand.id}`],
      ["status=APROVADO", "status=APROVADO"],
      ["matchStatus=UNMATCHED", "matchStatus=UNMATCHED"],
      ["aiStatus=ANALYZED", "aiStatus=ANALYZED"],
      ["aiStatus=FAILED", "aiStatus=FAILED"],
      ["hasProduct=false", "hasProduct=false"],
      ["color=Caramelo", "color=Caramelo"],
      ["categoria=JAQUETAS", "categoria=JAQUETAS"],
      ["batchId", `batchId=${batch.id}`],
      ["collectionId+status (empty result)", `collectionId=${collection.id}&status=REJEITADO`],
      // Date ranges: their photos sit together in arrival order (ids are time-ordered).
      ["from/to, a week in the middle", `from=${dayOf(middleDate, 0)}&to=${dayOf(middleDate, 6)}`],
      ["from, the last week", `from=${dayOf(new Date(), -7)}`],
      ["from/to, a year", `from=${dayOf(new Date(), -365)}&to=${dayOf(new Date(), 0)}`],
    ];
    for (const [name, qs] of filters) {
      await measure(`images first page, ${name}`, 50, `/api/v1/images?${L}&${qs}`);
      await deep(`images ${DEEP_PAGES} pages by cursor, ${name}`, 50, `/api/v1/images?${L}&${qs}`);
    }
    await deep(
      `images ${DEEP_PAGES} pages, collectionId sort=sku`,
      50,
      `/api/v1/images?${L}&sort=sku&collectionId=${collection.id}`,
    );
    const sku = encodeURIComponent(product.sku!);
    await measure(`images ?sku= (${product.sku})`, 50, `/api/v1/images?${L}&sku=${sku}`);
    await measure(`search a SKU (q=${product.sku})`, 50, `/api/v1/images?${L}&q=${sku}`);
    await measure("search a word (q=linho)", 50, `/api/v1/images?${L}&q=linho`);
    await measure("search two words (q=jaqueta renda)", 50, `/api/v1/images?${L}&q=jaqueta%20renda`);
    await measure("search a misspelt word (q=jaquta)", 50, `/api/v1/images?${L}&q=jaquta`);
    await measure("facets, no filter", 200, "/api/v1/images/facets");
    await measure("facets, collectionId", 200, `/api/v1/images/facets?collectionId=${collection.id}`);
    await measure("facets, status=APROVADO", 200, "/api/v1/images/facets?status=APROVADO");
    await measure("facets, q=linho", 200, "/api/v1/images/facets?q=linho");
    await measure(`facets, q=<SKU>`, 200, `/api/v1/images/facets?q=${sku}`);
    await measure("coverage report, all collections", 100, "/api/v1/reports/coverage");
    await measure("products ?q=<word> (linho)", 50, "/api/v1/products?q=linho");
    await measure(
      `products ?q=<SKU prefix> (${product.sku!.slice(0, 6)})`,
      50,
      `/api/v1/products?q=${encodeURIComponent(product.sku!.slice(0, 6))}`,
    );
    await measure("products/groups, no filter", 50, "/api/v1/products/groups");
    await measure("products/groups, collectionId", 50, `/api/v1/products/groups?collectionId=${collection.id}`);

    // The dashboard page as a signed-in person sees it (next-auth credentials sign-in, session cookie).
    const cookies = new Map<string, string>();
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair!.indexOf("=");
        cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    };
    const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrfResponse = await fetch(`${base}/api/auth/csrf`);
    keep(csrfResponse);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
      body: new URLSearchParams({ csrfToken, ...ADMIN, json: "true" }),
    });
    keep(signIn);
    const dash = await get("/", { cookie: cookieHeader() });
    if (dash.status !== 200 || !/Painel|Dashboard|painel/i.test(dash.body))
      throw new Error(`dashboard not signed in: ${dash.status}`);
    await measure("dashboard page (HTML, signed in)", 100, "/", { cookie: cookieHeader() });

    // Bulk status change by filter of BULK_IMAGES images: a date range (dates are spread evenly).
    const bulkSize = Math.min(BULK_IMAGES, Math.floor(IMAGES / 20));
    const { rows: range } = await client.query(
      `SELECT (SELECT "createdAt" FROM "Image" ORDER BY "createdAt" OFFSET $1 LIMIT 1) AS "from",
              (SELECT "createdAt" FROM "Image" ORDER BY "createdAt" OFFSET $2 LIMIT 1) AS "to"`,
      [Math.floor(IMAGES / 4), Math.floor(IMAGES / 4) + bulkSize],
    );
    const bulkFilter = { from: (range[0].from as Date).toISOString(), to: (range[0].to as Date).toISOString() };
    const { rows: bulkCount } = await client.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status <> 'APROVADO')::int AS changeable FROM "Image" WHERE "createdAt" >= $1 AND "createdAt" < $2`,
      [range[0].from, range[0].to],
    );
    const updatesOfImage = async () =>
      (
        await client.query(
          `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'Image'`,
        )
      ).rows[0] as { updated: number; hot: number };
    const updatesBefore = await updatesOfImage();
    const bulkStarted = performance.now();
    const bulk = await fetch(`${base}/api/v1/images/bulk`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ selection: { filter: bulkFilter }, action: "setStatus", status: "APROVADO" }),
    });
    const bulkText = await bulk.text();
    if (bulk.status === 404 || bulk.status === 405) {
      console.log(
        `  bulk status change by filter: POST /api/v1/images/bulk answers ${bulk.status} on this branch (skipped)`,
      );
    } else {
      if (bulk.status >= 300) throw new Error(`bulk: ${bulk.status} ${bulkText.slice(0, 300)}`);
      let outcome = JSON.parse(bulkText) as { changed?: number; skipped?: number; runId?: string; status?: string };
      // The run's answer has no runId: keep it from the 202 (reading it from the run polled
      // /bulk/undefined forever).
      const runId = outcome.runId;
      if (bulk.status === 202 && runId) {
        for (;;) {
          await new Promise((r) => setTimeout(r, 50));
          outcome = (await (
            await fetch(`${base}/api/v1/images/bulk/${runId}`, { headers: auth })
          ).json()) as typeof outcome;
          if (outcome.status === undefined) throw new Error(`bulk run ${runId}: ${JSON.stringify(outcome)}`);
          if (outcome.status && !["QUEUED", "RUNNING", "PENDING"].includes(outcome.status)) break;
        }
      }
      const seconds = (performance.now() - bulkStarted) / 1000;
      const n = bulkCount[0].n as number;
      // Other backends' counts reach the statistics within about a second.
      await new Promise((r) => setTimeout(r, 1_500));
      const updatesAfter = await updatesOfImage();
      console.log(
        `  updates of "Image" during the bulk run: ${fmt(updatesAfter.updated - updatesBefore.updated)}, HOT ${fmt(updatesAfter.hot - updatesBefore.hot)}`,
      );
      if (runId) {
        // The run's own time, from its row: the request, the queue and the bench's 50 ms polls left out.
        const { rows: timing } = await client.query(
          `SELECT extract(epoch FROM "startedAt" - "createdAt")::float8 AS queued, extract(epoch FROM "finishedAt" - "startedAt")::float8 AS ran FROM "BulkImageAction" WHERE id = $1`,
          [runId],
        );
        console.log(
          `  bulk run ${runId}: queued ${(timing[0].queued as number).toFixed(3)} s, chunks ${(timing[0].ran as number).toFixed(2)} s → ${fmt(n / (timing[0].ran as number))} images/s`,
        );
      }
      console.log(
        `  bulk setStatus APROVADO by filter (date range: ${fmt(n)} images, ${fmt(bulkCount[0].changeable)} to change): ${seconds.toFixed(2)} s → ${fmt(n / seconds)} images/s (changed ${outcome.changed ?? "?"}, skipped ${outcome.skipped ?? "?"})`,
      );
      // Raw baseline: one UPDATE of another date range of the same size (the same rule, no chunks,
      // no audit rows, no run row), committed: what PostgreSQL alone takes to change those rows.
      const { rows: rawRange } = await client.query(
        `SELECT (SELECT "createdAt" FROM "Image" ORDER BY "createdAt" OFFSET $1 LIMIT 1) AS "from",
                (SELECT "createdAt" FROM "Image" ORDER BY "createdAt" OFFSET $2 LIMIT 1) AS "to"`,
        [Math.floor(IMAGES / 2), Math.floor(IMAGES / 2) + bulkSize],
      );
      const rawStarted = performance.now();
      const rawUpdate = await client.query(
        `UPDATE "Image" SET status = 'APROVADO', "updatedAt" = now()
         WHERE "createdAt" >= $1 AND "createdAt" < $2 AND status IN ('PENDENTE')`,
        [rawRange[0].from, rawRange[0].to],
      );
      const rawSeconds = (performance.now() - rawStarted) / 1000;
      console.log(
        `  raw baseline: one UPDATE of another ${fmt(bulkSize)}-image date range (${fmt(rawUpdate.rowCount ?? 0)} changed): ${rawSeconds.toFixed(2)} s → ${fmt(bulkSize / rawSeconds)} images/s; bulk ÷ raw ${(n / seconds / (bulkSize / rawSeconds)).toFixed(2)}`,
      );
    }

    // Which of the photo table's indexes the measured queries used (each one costs every non-HOT
    // UPDATE an insert: a bulk status change writes to all of them).
    const { rows: usage } = await client.query(
      `SELECT indexrelname AS name, idx_scan::int AS scans FROM pg_stat_user_indexes WHERE relname = 'Image' ORDER BY idx_scan, indexrelname`,
    );
    console.log(`\nImage index scans during the run: ${usage.map((u) => `${u.name} ${u.scans}`).join(", ")}`);

    const rss = treeRss(server.pid!);
    const health = results.find((r) => r.name.startsWith("baseline: GET"))!;
    const raw = results.find((r) => r.name.startsWith("baseline: first page's id"))!;
    const first = results.find((r) => r.name === "images first page, sort=arrival")!;
    console.log(`\nserver RSS (launcher + Next.js) after the run: ${(rss / 1024 / 1024).toFixed(0)} MiB`);
    console.log(
      `ratio, first page p50 / health route p50: ${(percentile(first.times, 50) / percentile(health.times, 50)).toFixed(1)}×; / raw id SELECT p50: ${(percentile(first.times, 50) / percentile(raw.times, 50)).toFixed(1)}×`,
    );
    const slow = results.filter((r) => r.target !== null && percentile(r.times, 95) > r.target);
    console.log(slow.length ? `over target: ${slow.map((r) => r.name).join("; ")}` : "every query within its target");
    console.log("\n| query | p50 ms | p95 ms | max ms | target p95 |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    for (const r of results)
      console.log(
        `| ${r.name}${r.note ? ` (${r.note})` : ""} | ${percentile(r.times, 50).toFixed(1)} | ${percentile(r.times, 95).toFixed(1)} | ${Math.max(...r.times).toFixed(1)} | ${r.target ?? "—"} |`,
      );
  } finally {
    await client.end().catch(() => undefined);
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
