// Issue 10: point 7 (XLSX zip bomb lying about its sizes, parse bounds) and point 9 (multipart without boundary).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postImport } from "@/app/api/v1/carteira/imports/route";
import { POST as postPreview } from "@/app/api/v1/carteira/previews/route";
import { runCarteiraImportJob } from "@/lib/carteira/import/carteira-import-handler";
import { createImportRecord } from "@/lib/carteira/import/import-records";
import { runCarteiraImport } from "@/lib/carteira/import/run-carteira-import";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { bigCsv, lyingXlsxBomb, win1252 } from "../../fixtures/carteira/build-fixtures";
import { truncateAllTables } from "../../support/db";
import { apiUser, callRoute, multipart } from "./helpers";

const MB = 1024 * 1024;
let bomb: Uint8Array;

beforeAll(async () => {
  bomb = await lyingXlsxBomb(1024 * MB);
}, 60_000);
beforeEach(truncateAllTables);
afterAll(stopBoss);

/** Longest gap between 5 ms timer ticks while `fn` runs: how long the event loop was blocked. */
async function longestStall<T>(fn: () => Promise<T>): Promise<{ value: T; stallMs: number; ms: number }> {
  let last = performance.now();
  let stallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { value, stallMs, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

describe("XLSX zip bomb that lies about its sizes (1 GB sheet, size 0 in both headers, ~3 MB file)", () => {
  it("preview: 413 with a stable code, the event loop stays responsive, peak RSS bounded", async () => {
    const { headers } = await apiUser();
    const peakBefore = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const {
      value: res,
      stallMs,
      ms,
    } = await longestStall(() =>
      callRoute(postPreview, "/api/v1/carteira/previews", {
        method: "POST",
        headers,
        body: multipart({ file: { bytes: bomb, name: "bomba.xlsx" } }),
      }),
    );
    const growthMb = Math.max(0, process.resourceUsage().maxRSS * 1024 - peakBefore) / MB;
    console.log(
      `[carteira] preview of the lying bomb: ${res.status} in ${ms.toFixed(0)} ms, longest event-loop stall ${stallMs.toFixed(0)} ms, peak RSS +${growthMb.toFixed(0)} MB`,
    );
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error).toBe("SPREADSHEET_TOO_LARGE");
    expect(body.message).toMatch(/descompactada passa de 300 MB/);
    expect(ms).toBeLessThan(15_000);
    expect(stallMs).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(800);
  });

  it("import: queued (a 3 MB file), the job marks it FAILED with the reason and writes no product", async () => {
    const { headers } = await apiUser();
    const res = await callRoute(postImport, "/api/v1/carteira/imports", {
      method: "POST",
      headers,
      body: multipart({ file: { bytes: bomb, name: "bomba.xlsx" } }),
    });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect(await runCarteiraImportJob({ importId: id }, { jobId: "test", attempt: 1, isLastAttempt: false })).toBe(
      "success",
    );
    const row = await getPrisma().carteiraImport.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", createdCount: 0, processedRows: 0 });
    expect(row.failureReason).toMatch(/descompactada passa de 300 MB/);
    expect(row.errors).toEqual([expect.objectContaining({ code: "SPREADSHEET_TOO_LARGE", severity: "error" })]);
    expect(await getPrisma().product.count()).toBe(0);
  });
});

describe("parse worker limits during an import", () => {
  async function importWith(budget: { maxMemoryMb: number; timeoutMs: number }) {
    const bytes = win1252(bigCsv(100_000));
    const record = await createImportRecord({
      fileName: "grande.csv",
      fileBytes: bytes.length,
      fileKey: null,
      userId: null,
      sheets: [],
      mapping: {},
      defaultBrandId: null,
      defaultCollectionId: null,
    });
    return runCarteiraImport(record.id, { bytes, parseBudget: budget });
  }

  it.each([
    ["memory", { maxMemoryMb: 32, timeoutMs: 60_000 }, /memória/],
    ["time", { maxMemoryMb: 1024, timeoutMs: 20 }, /demorou demais/],
  ])(
    "a parse that passes its %s limit fails the import cleanly (SPREADSHEET_TOO_COMPLEX, nothing written)",
    async (_label, budget, reason) => {
      const { summary } = await importWith(budget);
      expect(summary).toMatchObject({ status: "FAILED", errorCode: "SPREADSHEET_TOO_COMPLEX", created: 0 });
      expect(summary.failureReason).toMatch(reason);
      expect(await getPrisma().product.count()).toBe(0);
      expect(await getPrisma().skuHistory.count()).toBe(0);
    },
  );
});

describe("multipart/form-data without a boundary", () => {
  it.each([
    ["previews", postPreview],
    ["imports", postImport],
  ])("POST /api/v1/carteira/%s → 400 BAD_REQUEST, not 500", async (route, handler) => {
    const { headers } = await apiUser();
    const res = await callRoute(handler, `/api/v1/carteira/${route}`, {
      method: "POST",
      headers: { ...headers, "content-type": "multipart/form-data" },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\n\r\nSKU\r\nA-1\r\n--x--\r\n',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "BAD_REQUEST", message: expect.any(String) });
  });
});

describe("NUL in a text field of the carteira form", () => {
  it.each([
    ["previews", postPreview],
    ["imports", postImport],
  ])("POST /api/v1/carteira/%s → 400 VALIDATION_FAILED, nothing imported", async (route, handler) => {
    const { headers } = await apiUser();
    const body = multipart({
      file: { bytes: win1252("SKU;DESCRIÇÃO\r\nA-1;Peça\r\n"), name: "c.csv" },
      sheets: '["Plan\u00001"]',
    });
    const res = await callRoute(handler, `/api/v1/carteira/${route}`, { method: "POST", headers, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "VALIDATION_FAILED", details: [{ path: "sheets" }] });
    expect(await getPrisma().product.count()).toBe(0);
    expect(await getPrisma().carteiraImport.count()).toBe(0);
  });
});
