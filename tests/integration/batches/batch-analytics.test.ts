// GET /api/v1/batches/{id}/health · analyze · status on real PostgreSQL, with URL batches written
// straight into the tables (tests/support/url-batch-rows.ts) — every figure below follows from
// the rows, so each expectation is the formula applied by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { POST as postAction } from "@/app/api/v1/batches/[id]/[action]/route";
import { GET as getAnalyze } from "@/app/api/v1/batches/[id]/analyze/route";
import { GET as getHealth } from "@/app/api/v1/batches/[id]/health/route";
import { GET as getStatus } from "@/app/api/v1/batches/[id]/status/route";
import { batchAnalysisSchema, batchHealthSchema, batchStatusDetailSchema } from "@/lib/batches/analytics/schemas";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { insertBatchImages, insertUrlBatch, type SqlRunner } from "../../support/url-batch-rows";

const run: SqlRunner = (sql, params) => getPrisma().$executeRawUnsafe(sql, ...params);
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const params = (id: string) => ({ params: Promise.resolve({ id }) });
let viewer: Awaited<ReturnType<typeof apiTokenFor>>;

const request = (path: string, headers: Record<string, string> = viewer.headers) =>
  new Request(`http://localhost/api/v1/batches/${path}`, { headers });

async function call<S extends z.ZodType>(
  handler: typeof getHealth,
  schema: S,
  id: string,
  endpoint: string,
): Promise<{ body: z.infer<S>; response: Response }> {
  const response = await handler(request(`${id}/${endpoint}`), params(id));
  const json: unknown = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(200);
  const parsed = schema.safeParse(json);
  expect(parsed.error?.issues ?? []).toEqual([]);
  return { body: parsed.data!, response };
}

/** Three finished URL batches of 1,000 URLs in 10 minutes each: a norm of 100 URLs/min. */
async function insertNormBatches() {
  for (let i = 0; i < 3; i++)
    await insertUrlBatch(run, {
      name: `Norma ${i}`,
      status: "COMPLETED",
      startedAt: minutesAgo(100 + i * 20),
      finishedAt: minutesAgo(90 + i * 20),
      chunks: [{ total: 1000 }],
    });
}

/**
 * A finished URL batch of 200 URLs in 10 minutes: chunk 1 mostly fine, chunk 2 failing (rising
 * failures), blocked addresses, timeouts on one host, 404s on another; plus 4 photos that failed.
 */
async function insertFailingBatch(): Promise<string> {
  const { batchId } = await insertUrlBatch(run, {
    name: "Fornecedor com falhas",
    status: "COMPLETED_WITH_ERRORS",
    startedAt: minutesAgo(10),
    finishedAt: new Date(),
    chunkSize: 100,
    chunks: [
      {
        startedAt: minutesAgo(10),
        finishedAt: minutesAgo(6),
        worker: "host-a:101",
        urls: [
          { count: 90, status: "STORED" },
          { count: 5, status: "DUPLICATE" },
          { count: 3, status: "FAILED", category: "TIMEOUT", errorCode: "URL_TIMEOUT", host: "lento.test" },
          {
            count: 2,
            status: "FAILED",
            category: "BLOCKED_ADDRESS",
            errorCode: "URL_ADDRESS_BLOCKED",
            urlPrefix: "http://10.0.0.5/interno-",
          },
        ],
      },
      {
        startedAt: minutesAgo(6),
        finishedAt: new Date(),
        worker: "host-a:101",
        urls: [
          { count: 40, status: "STORED" },
          {
            count: 30,
            status: "FAILED",
            category: "HTTP_4XX",
            errorCode: "URL_HTTP_ERROR",
            httpStatus: 404,
            host: "quebrado.test",
          },
          { count: 20, status: "FAILED", category: "TIMEOUT", errorCode: "URL_TIMEOUT", host: "lento.test" },
          { count: 5, status: "FAILED", category: "DNS", errorCode: "URL_FETCH_FAILED", host: "nao-existe.invalid" },
          { count: 3, status: "FAILED", category: "INVALID_URL", errorCode: "URL_INVALID", urlPrefix: "nao e url " },
          { count: 2, status: "FAILED", category: "HTTP_5XX", errorCode: "URL_HTTP_ERROR", httpStatus: 503 },
        ],
      },
    ],
  });
  await insertBatchImages(run, batchId, { count: 4, processingStatus: "FAILED", errorCode: "IMAGE_DECODE_FAILED" });
  await insertBatchImages(run, batchId, { count: 6, processingStatus: "READY" });
  return batchId;
}

beforeAll(async () => {
  await truncateAllTables();
  viewer = await apiTokenFor("VIEWER");
});

afterAll(async () => {
  await truncateAllTables();
  await stopBoss();
});

describe("a finished URL batch with failures", () => {
  let batchId: string;
  beforeAll(async () => {
    await insertNormBatches();
    batchId = await insertFailingBatch();
  });

  it("health: the score from its success rate, speed against the norm and error patterns", async () => {
    const { body } = await call(getHealth, batchHealthSchema, batchId, "health");
    // 135 of 200 finished URLs succeeded; 200 URLs in 10 min = 20/min against a median of 100/min.
    expect(body.success_rate).toBe(67.5);
    expect(body.counts).toEqual({ total: 200, finished: 200, successful: 135, failed: 65 });
    expect(body.speed).toMatchObject({ norm_items_per_minute: 100, norm_batches: 3, norm_window: 10 });
    expect(body.speed.items_per_minute).toBeCloseTo(20, 0);
    // Patterns: blocked addresses (−25) and failures rising in chunk 2 (60 % after 5 %, −40).
    expect(body.error_patterns).toEqual({
      dominant_category: null,
      dominant_share: null,
      blocked_count: 2,
      rising_failures: { chunk_number: 2, failure_rate: 60, previous_failure_rate: 5 },
    });
    expect(body.factors.success_rate).toBe(67.5);
    expect(body.factors.error_patterns).toBe(35);
    expect(body.factors.processing_speed).toBeCloseTo(25, 0);
    // 67.5 × 0.6 + 25 × 0.2 + 35 × 0.2 = 52.5
    expect(body.health_score).toBeCloseTo(52.5, 0);
    expect(body.status).toBe("atencao");
    expect(body.status_label).toBe("atenção");
    const byCode = Object.fromEntries(body.recommendations.map((r) => [r.code, r]));
    expect(Object.keys(byCode).sort()).toEqual(
      [
        "BLOCKED_ADDRESSES",
        "HOST_SLOW",
        "LOW_SUCCESS_RATE",
        "NETWORK_RETRY",
        "PROCESSING_FAILURES",
        "RISING_FAILURES",
        "SLOW_PROCESSING",
      ].sort(),
    );
    expect(byCode.HOST_SLOW!.params).toEqual({ host: "lento.test", count: 23 });
    expect(byCode.HOST_SLOW!.message).toContain("O servidor lento.test está lento");
    // DNS 5 + TIMEOUT 23 + HTTP 5xx 2: what "reprocessar falhas de rede" retries.
    expect(byCode.NETWORK_RETRY!.params).toEqual({ count: 30 });
    expect(byCode.PROCESSING_FAILURES!.params).toEqual({ count: 4 });
  });

  it("analyze: errors by category with percentages, top errors with HTTP codes, hosts, blocked URLs by line", async () => {
    const { body } = await call(getAnalyze, batchAnalysisSchema, batchId, "analyze");
    expect(body.total_items).toBe(200);
    expect(body.total_errors).toBe(69);
    expect(body.error_rate).toBe(32.5);
    expect(body.error_categories).toEqual({
      HTTP_4XX: 30,
      TIMEOUT: 23,
      DNS: 5,
      IMAGE_PROCESSING: 4,
      INVALID_URL: 3,
      BLOCKED_ADDRESS: 2,
      HTTP_5XX: 2,
    });
    expect(body.categories[0]).toEqual({ category: "HTTP_4XX", kind: "url", count: 30, percentage: 43.5 });
    expect(body.categories.find((c) => c.category === "IMAGE_PROCESSING")).toEqual({
      category: "IMAGE_PROCESSING",
      kind: "processing",
      count: 4,
      percentage: 5.8,
    });
    expect(body.top_errors.slice(0, 3)).toEqual([
      { error_type: "HTTP_404", category: "HTTP_4XX", http_status: 404, count: 30, percentage: 43.5 },
      { error_type: "URL_TIMEOUT", category: "TIMEOUT", http_status: null, count: 23, percentage: 33.3 },
      { error_type: "URL_FETCH_FAILED", category: "DNS", http_status: null, count: 5, percentage: 7.2 },
    ]);
    expect(body.top_errors.map((e) => e.error_type)).toEqual(
      expect.arrayContaining(["IMAGE_DECODE_FAILED", "HTTP_503", "URL_INVALID", "URL_ADDRESS_BLOCKED"]),
    );
    // Invalid lines have no host; the blocked literal address is a host like any other.
    expect(body.hosts).toEqual([
      { host: "quebrado.test", failed: 30, percentage: 46.2, top_category: "HTTP_4XX" },
      { host: "lento.test", failed: 23, percentage: 35.4, top_category: "TIMEOUT" },
      { host: "nao-existe.invalid", failed: 5, percentage: 7.7, top_category: "DNS" },
      { host: "10.0.0.5", failed: 2, percentage: 3.1, top_category: "BLOCKED_ADDRESS" },
      { host: "fotos.fornecedor.test", failed: 2, percentage: 3.1, top_category: "HTTP_5XX" },
    ]);
    expect(body.blocked_count).toBe(2);
    // Chunk 1's lines: 90 stored (1–90), 5 duplicates (91–95), 3 timeouts (96–98), 2 blocked (99–100).
    expect(body.blocked_urls).toEqual([
      { line_number: 99, url: "http://10.0.0.5/interno-1.jpg", error_code: "URL_ADDRESS_BLOCKED" },
      { line_number: 100, url: "http://10.0.0.5/interno-2.jpg", error_code: "URL_ADDRESS_BLOCKED" },
    ]);
    expect(body.recommendations.map((r) => r.code)).toEqual([
      "CHECK_LINKS",
      "HOST_SLOW",
      "CHECK_DNS",
      "PROCESSING_FAILURES",
      "FIX_INVALID_URLS",
      "BLOCKED_ADDRESSES",
      "SOURCE_SERVER_ERRORS",
      "NETWORK_RETRY",
    ]);
    expect(body.recommendations[0]!.params).toEqual({ count: 30, status: 404 });
  });

  it("status: details, timing and performance; a finished batch is polled every 60 s", async () => {
    const { body, response } = await call(getStatus, batchStatusDetailSchema, batchId, "status");
    expect(response.headers.get("X-Polling-Interval")).toBe("60");
    expect(body.polling_interval_seconds).toBe(60);
    expect(body.batch_info).toMatchObject({
      batch_id: batchId,
      batch_name: "Fornecedor com falhas",
      status: "COMPLETED_WITH_ERRORS",
      source: "URL_LIST",
      total_items: 200,
      chunk_size: 100,
      total_chunks: 2,
      is_active: false,
    });
    expect(body.progress).toEqual({
      total: 200,
      processed_count: 200,
      successful_count: 135,
      failed_count: 65,
      pending_count: 0,
      cancelled_count: 0,
      progress_percentage: 100,
      current_chunk: 2,
      total_chunks: 2,
      url_counts: { total: 200, pending: 0, fetching: 0, stored: 130, duplicate: 5, failed: 65, cancelled: 0 },
    });
    expect(body.timing.eta_seconds).toBeNull();
    expect(body.timing.elapsed_time_minutes).toBeCloseTo(10, 0);
    expect(body.performance.success_rate).toBe(67.5);
    expect(body.performance.average_rate_per_minute).toBeCloseTo(20, 0);
    // The last chunk's URLs took 120 ms each (the helper's default).
    expect(body.performance.average_time_per_url).toBe(0.12);
  });
});

describe("'Reprocessar falhas de rede' as the errors panel sends it", () => {
  it("POST …/reprocess {only: network} (EDITOR) sends the network failures back; the analysis then counts only the others", async () => {
    await insertNormBatches();
    const batchId = await insertFailingBatch();
    const editor = await apiTokenFor("EDITOR");
    const reprocess = (headers: Record<string, string>) =>
      postAction(
        new Request(`http://localhost/api/v1/batches/${batchId}/reprocess`, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify({ only: "network" }),
        }),
        { params: Promise.resolve({ id: batchId, action: "reprocess" }) },
      );
    expect((await reprocess(viewer.headers)).status).toBe(403);
    const response = await reprocess(editor.headers);
    const result = (await response.json()) as { requeued: number; requeuedUrls: number };
    expect(response.status, JSON.stringify(result)).toBe(200);
    // TIMEOUT 23 + DNS 5 + HTTP 5xx 2.
    expect(result.requeuedUrls).toBe(30);

    const analysis = (await call(getAnalyze, batchAnalysisSchema, batchId, "analyze")).body;
    expect(analysis.error_categories).toEqual({
      HTTP_4XX: 30,
      IMAGE_PROCESSING: 4,
      INVALID_URL: 3,
      BLOCKED_ADDRESS: 2,
    });
    expect(analysis.recommendations.map((r) => r.code)).not.toContain("NETWORK_RETRY");
    const { body: status, response: statusResponse } = await call(
      getStatus,
      batchStatusDetailSchema,
      batchId,
      "status",
    );
    expect(status.progress.pending_count).toBe(30);
    expect(status.batch_info.is_active).toBe(true);
    expect(statusResponse.headers.get("X-Polling-Interval")).toBe("2");
  });
});

describe("a URL batch being fetched", () => {
  let batchId: string;
  beforeAll(async () => {
    ({ batchId } = await insertUrlBatch(run, {
      name: "Em andamento",
      status: "PROCESSING",
      startedAt: minutesAgo(12),
      chunkSize: 100,
      chunks: [
        { startedAt: minutesAgo(12), finishedAt: minutesAgo(10), urls: [{ count: 100, status: "STORED" }] },
        {
          status: "RUNNING",
          startedAt: minutesAgo(2),
          worker: "host-b:202",
          urls: [
            { count: 45, status: "STORED" },
            { count: 5, status: "FAILED", category: "TIMEOUT", errorCode: "URL_TIMEOUT" },
            { count: 2, status: "FETCHING" },
            { count: 48, status: "PENDING" },
          ],
        },
        { status: "PENDING", urls: [{ count: 100, status: "PENDING" }] },
      ],
    }));
  });

  it("status: the current chunk, the current rate from the running chunk and the ETA; polled every 2 s", async () => {
    const { body, response } = await call(getStatus, batchStatusDetailSchema, batchId, "status");
    expect(response.headers.get("X-Polling-Interval")).toBe("2");
    expect(body.batch_info.is_active).toBe(true);
    expect(body.progress).toMatchObject({
      total: 300,
      processed_count: 150,
      pending_count: 150,
      progress_percentage: 50,
      current_chunk: 2,
      total_chunks: 3,
    });
    // Chunk 2 is the only recent one (chunk 1 finished 10 minutes ago): 50 URLs in 2 minutes.
    expect(body.performance.processing_rate_per_minute).toBeCloseTo(25, 0);
    // 150 URLs left at 25/min: 6 minutes.
    expect(body.timing.eta_seconds).toBeGreaterThan(340);
    expect(body.timing.eta_seconds).toBeLessThan(380);
    expect(body.timing.estimated_completion).not.toBeNull();
    expect(body.performance.average_rate_per_minute).toBeCloseTo(12.5, 0);
  });

  it("health: judges the finished URLs only (pending ones wait); nothing blocked", async () => {
    const { body } = await call(getHealth, batchHealthSchema, batchId, "health");
    expect(body.counts).toEqual({ total: 300, finished: 150, successful: 145, failed: 5 });
    expect(body.error_patterns.blocked_count).toBe(0);
    expect(body.health_score).not.toBeNull();
  });
});

describe("an upload batch", () => {
  let batchId: string;
  beforeAll(async () => {
    ({ batchId } = await insertUrlBatch(run, {
      name: "Upload",
      source: "UPLOAD",
      status: "COMPLETED_WITH_ERRORS",
      startedAt: minutesAgo(3),
      finishedAt: minutesAgo(1),
      chunks: [],
    }));
    await insertBatchImages(run, batchId, { count: 18, processingStatus: "READY" });
    await insertBatchImages(run, batchId, { count: 2, processingStatus: "FAILED", errorCode: "IMAGE_DECODE_FAILED" });
  });

  it("health and analyze judge its photos: processed over finished files, failures by processing code", async () => {
    const health = (await call(getHealth, batchHealthSchema, batchId, "health")).body;
    expect(health.source).toBe("UPLOAD");
    expect(health.success_rate).toBe(90);
    // No finished upload batch besides it: no norm, the speed is left out.
    expect(health.factors.processing_speed).toBeNull();
    expect(health.speed.norm_batches).toBe(0);
    expect(health.recommendations.map((r) => r.code)).toEqual(["PROCESSING_FAILURES"]);

    const analysis = (await call(getAnalyze, batchAnalysisSchema, batchId, "analyze")).body;
    expect(analysis).toMatchObject({
      total_items: 20,
      total_errors: 2,
      error_rate: 10,
      error_categories: { IMAGE_PROCESSING: 2 },
      hosts: [],
      blocked_urls: [],
    });
    expect(analysis.top_errors).toEqual([
      { error_type: "IMAGE_DECODE_FAILED", category: "IMAGE_PROCESSING", http_status: null, count: 2, percentage: 100 },
    ]);
  });

  it("status: no chunks; the run's average rate once finished", async () => {
    const { body } = await call(getStatus, batchStatusDetailSchema, batchId, "status");
    expect(body.progress).toMatchObject({ total: 20, processed_count: 20, current_chunk: null, total_chunks: 0 });
    expect(body.performance.processing_rate_per_minute).toBeCloseTo(10, 0);
  });
});

describe("access", () => {
  let batchId: string;
  beforeAll(async () => {
    ({ batchId } = await insertUrlBatch(run, { name: "Acesso", status: "DRAFT", chunks: [] }));
  });

  it.each([
    ["health", getHealth],
    ["analyze", getAnalyze],
    ["status", getStatus],
  ] as const)(
    "%s: 401 without credentials, 404 for a missing or malformed id, 200 for a VIEWER",
    async (name, handler) => {
      expect((await handler(request(`${batchId}/${name}`, {}), params(batchId))).status).toBe(401);
      const missing = "0190a000-0000-7000-8000-000000000000";
      const notFound = await handler(request(`${missing}/${name}`), params(missing));
      expect(notFound.status).toBe(404);
      expect(((await notFound.json()) as { error: string }).error).toBe("NOT_FOUND");
      expect((await handler(request(`x/${name}`), params("x"))).status).toBe(404);
      expect((await handler(request(`${batchId}/${name}`), params(batchId))).status).toBe(200);
    },
  );

  it("a draft: health has no data yet, status is polled every 10 s", async () => {
    const health = (await call(getHealth, batchHealthSchema, batchId, "health")).body;
    expect(health.health_score).toBeNull();
    expect(health.status).toBe("sem_dados");
    expect(health.recommendations.map((r) => r.code)).toEqual(["NO_DATA"]);
    const { response } = await call(getStatus, batchStatusDetailSchema, batchId, "status");
    expect(response.headers.get("X-Polling-Interval")).toBe("10");
  });
});

/**
 * URLs of the scale case: 200,000 by default (well within the suite's time); `npm run
 * bench:batch-analytics` runs this case alone with 1,000,000. The timings are printed, never asserted.
 */
const SCALE_URLS = Number(process.env.ANALYTICS_SCALE_URLS ?? 200_000);

describe("at scale", () => {
  it(`a ${SCALE_URLS.toLocaleString("en")}-URL batch in chunks of 2,000: the three answers count every row`, async () => {
    const chunkCount = Math.ceil(SCALE_URLS / 2000);
    const done = Math.floor(chunkCount * 0.62);
    const sizes = Array.from({ length: chunkCount }, (_, i) => Math.min(2000, SCALE_URLS - i * 2000));
    // Fetched chunks: 95 % stored, then timeouts over 7 hosts, 404s and blocked addresses (5 % in all).
    const fails = (size: number) => {
      const failed = Math.round(size * 0.05);
      return {
        timeout: Math.floor(failed / 2),
        http: Math.floor(failed / 3),
        blocked: failed - Math.floor(failed / 2) - Math.floor(failed / 3),
      };
    };
    const chunks = sizes.map((size, i) => {
      if (i >= done + 2) return { status: "PENDING" as const, urls: [{ count: size, status: "PENDING" as const }] };
      const f = fails(size);
      return {
        status: i < done ? ("COMPLETED" as const) : ("RUNNING" as const),
        startedAt: minutesAgo(120 - (i * 100) / done),
        finishedAt: i < done ? minutesAgo(119 - (i * 100) / done) : null,
        worker: `it:${i % 4}`,
        urls: [
          { count: size - f.timeout - f.http - f.blocked, status: "STORED" as const },
          {
            count: f.timeout,
            status: "FAILED" as const,
            category: "TIMEOUT",
            errorCode: "URL_TIMEOUT",
            host: `h${i % 7}.test`,
          },
          {
            count: f.http,
            status: "FAILED" as const,
            category: "HTTP_4XX",
            errorCode: "URL_HTTP_ERROR",
            httpStatus: 404,
          },
          {
            count: f.blocked,
            status: "FAILED" as const,
            category: "BLOCKED_ADDRESS",
            urlPrefix: `http://10.${Math.floor(i / 250)}.${i % 250}.1/x-`,
          },
        ],
      };
    });
    const fetched = sizes.slice(0, done + 2);
    const expected = fetched.reduce(
      (acc, size) => {
        const f = fails(size);
        return {
          finished: acc.finished + size,
          timeout: acc.timeout + f.timeout,
          http: acc.http + f.http,
          blocked: acc.blocked + f.blocked,
        };
      },
      { finished: 0, timeout: 0, http: 0, blocked: 0 },
    );
    const failed = expected.timeout + expected.http + expected.blocked;

    let started = performance.now();
    const { batchId } = await insertUrlBatch(run, {
      name: "Grande",
      status: "PROCESSING",
      startedAt: minutesAgo(120),
      chunks,
    });
    const insertMs = Math.round(performance.now() - started);
    // As autovacuum leaves a table that stopped changing: visibility map set, statistics fresh.
    started = performance.now();
    await getPrisma().$executeRawUnsafe(`VACUUM ANALYZE "BatchUrl"`);
    const vacuumMs = Math.round(performance.now() - started);

    const timings: Record<string, { coldMs: number; warmMedianMs: number }> = {};
    const timed = async <S extends z.ZodType>(name: string, handler: typeof getHealth, schema: S) => {
      let t = performance.now();
      const first = await call(handler, schema, batchId, name);
      const coldMs = Math.round(performance.now() - t);
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        await call(handler, schema, batchId, name);
        warm.push(performance.now() - t);
      }
      warm.sort((a, b) => a - b);
      timings[name] = { coldMs, warmMedianMs: Math.round(warm[2]!) };
      return first.body;
    };
    const status = await timed("status", getStatus, batchStatusDetailSchema);
    const health = await timed("health", getHealth, batchHealthSchema);
    const analysis = await timed("analyze", getAnalyze, batchAnalysisSchema);
    console.log(
      `[batch-analytics] ${SCALE_URLS.toLocaleString("en")} BatchUrl rows (insert ${insertMs} ms, VACUUM ANALYZE ${vacuumMs} ms); ` +
        `ms per answer through the route handler: ${JSON.stringify(timings)}`,
    );

    expect(status.progress).toMatchObject({
      total: SCALE_URLS,
      processed_count: expected.finished,
      current_chunk: done + 1,
      total_chunks: chunkCount,
    });
    expect(health.counts).toEqual({
      total: SCALE_URLS,
      finished: expected.finished,
      successful: expected.finished - failed,
      failed,
    });
    expect(analysis.error_categories).toEqual({
      TIMEOUT: expected.timeout,
      HTTP_4XX: expected.http,
      BLOCKED_ADDRESS: expected.blocked,
    });
    expect(analysis.blocked_urls).toHaveLength(50);
    expect(analysis.hosts).toHaveLength(10);
  }, 600_000);
});
