import { Readable } from "node:stream";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createUrlBatchFromList } from "@/lib/batches/url-list/create-url-batch";
import type { UrlListLimits } from "@/lib/batches/url-list/parse-url-list";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { parseAllowedHosts } from "@/lib/url-fetch/address-policy";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";

beforeEach(truncateAllTables);
afterAll(stopBoss);

const LIMITS: UrlListLimits = { maxBytes: 64 * 1024 * 1024, maxLines: 1_000_000, allowHosts: [] };

const listOf = (text: string) => Readable.from([Buffer.from(text)]);

/** A generated list of `lines` lines, produced as it is read (never held whole by the test either). */
function generatedList(lines: number, line: (i: number) => string, onRead?: (i: number) => void): Readable {
  let i = 0;
  return new Readable({
    read() {
      let text = "";
      for (let k = 0; k < 1000 && i < lines; k++, i++) text += line(i) + "\n";
      onRead?.(i);
      this.push(i === 0 && text === "" ? null : text || null);
    },
  });
}

async function create(
  list: Readable,
  options: { chunkSize?: number; autoStart?: boolean; limits?: UrlListLimits } = {},
) {
  const user = await createTestUser("EDITOR");
  return createUrlBatchFromList(
    user,
    {
      name: "Lista",
      autoStart: options.autoStart ?? false,
      chunkSize: options.chunkSize ?? 2000,
      list,
      fileName: "l.csv",
    },
    options.limits ?? LIMITS,
  );
}

async function expectNothingStored() {
  const prisma = getPrisma();
  expect(await prisma.batch.count()).toBe(0);
  expect(await prisma.batchChunk.count()).toBe(0);
  expect(await prisma.batchUrl.count()).toBe(0);
}

describe("createUrlBatchFromList", () => {
  it("splits 5,000 URLs into chunks of 2,000 (2,000 + 2,000 + 1,000), PENDING, in list order", async () => {
    const result = await create(generatedList(5000, (i) => `https://img.example.com/p/${i}.jpg`));
    expect(result).toMatchObject({ accepted: 5000, duplicates: 0, invalid: 0 });
    expect(result.batch).toMatchObject({ source: "URL_LIST", chunkSize: 2000, status: "DRAFT" });
    expect(result.batch.urlCounts).toMatchObject({ total: 5000, pending: 5000, failed: 0 });
    const chunks = await getPrisma().batchChunk.findMany({
      where: { batchId: result.batch.id },
      orderBy: { index: "asc" },
    });
    expect(chunks.map((c) => [c.index, c.total, c.status])).toEqual([
      [0, 2000, "PENDING"],
      [1, 2000, "PENDING"],
      [2, 1000, "PENDING"],
    ]);
    const perChunk = await getPrisma().batchUrl.groupBy({ by: ["chunkId"], _count: true, _min: { lineNumber: true } });
    expect(perChunk.map((c) => c._count).sort((a, b) => b - a)).toEqual([2000, 2000, 1000]);
    const first = await getPrisma().batchUrl.findFirst({
      where: { chunkId: chunks[2]!.id },
      orderBy: { lineNumber: "asc" },
    });
    expect(first).toMatchObject({ lineNumber: 4001, url: "https://img.example.com/p/4000.jpg", status: "PENDING" });
  });

  it("keeps a list with 30 % garbage: the garbage lines are FAILED rows with their line numbers and codes, the rest PENDING", async () => {
    const kinds = [
      (i: number) => `not a url ${i}`,
      (i: number) => `ftp://files.example.com/${i}.jpg`,
      (i: number) => `javascript:alert(${i})`,
      (i: number) => `data:text/plain,${i}`,
      (i: number) => `file:///etc/passwd${i}`,
      (i: number) => `https://user:pass@example.com/${i}.jpg`,
      (i: number) => `http://0177.0.0.1/${i}.jpg`,
      (i: number) => `http://2130706433/${i}.jpg`,
      (i: number) => `http://[::1]/${i}.jpg`,
      (i: number) => `https://example.com/${i}/${"a".repeat(2100)}`,
    ];
    const isGarbage = (i: number) => i % 10 === 0 || i % 10 === 3 || i % 10 === 7;
    const lines = ["url;sku"];
    let k = 0;
    for (let i = 0; i < 1000; i++)
      lines.push(isGarbage(i) ? `${kinds[k++ % 10]!(i)};G-${i}` : `https://cdn.example.com/${i}.jpg;S-${i}`);
    const result = await create(listOf(lines.join("\r\n")));
    expect(result).toMatchObject({ accepted: 700, invalid: 300, duplicates: 0 });
    const failed = await getPrisma().batchUrl.findMany({ where: { status: "FAILED" }, orderBy: { lineNumber: "asc" } });
    expect(failed).toHaveLength(300);
    // Line 1 is the header: the list's i-th URL is on line i + 2.
    expect(failed.map((f) => f.lineNumber)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i)
        .filter(isGarbage)
        .map((i) => i + 2),
    );
    const byLine = new Map(failed.map((f) => [f.lineNumber, f]));
    // The k-th garbage line is of kind k % 10: lines 2, 5, 9, 12, 15, 19, 22, 25, 29, 32.
    const expected: [number, string, string][] = [
      [2, "INVALID_URL", "URL_INVALID"],
      [5, "INVALID_URL", "URL_SCHEME_REFUSED"],
      [9, "INVALID_URL", "URL_SCHEME_REFUSED"],
      [12, "INVALID_URL", "URL_SCHEME_REFUSED"],
      [15, "INVALID_URL", "URL_SCHEME_REFUSED"],
      [19, "INVALID_URL", "URL_CREDENTIALS_REFUSED"],
      [22, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [25, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [29, "BLOCKED_ADDRESS", "URL_ADDRESS_BLOCKED"],
      [32, "INVALID_URL", "URL_TOO_LONG"],
    ];
    for (const [line, errorCategory, errorCode] of expected)
      expect(byLine.get(line), `line ${line}`).toMatchObject({ errorCategory, errorCode });
    expect(byLine.get(2)).toMatchObject({ url: "not a url 0", sku: "G-0" });
    expect(byLine.get(32)!.url.length).toBeLessThanOrEqual(500);
    const pending = await getPrisma().batchUrl.findFirst({ where: { lineNumber: 3 } });
    expect(pending).toMatchObject({ status: "PENDING", url: "https://cdn.example.com/1.jpg", sku: "S-1" });
  });

  it("stores the same URL 1,000 times as one row (the first line), 999 duplicates", async () => {
    const result = await create(
      generatedList(1000, (i) => (i % 2 ? "HTTPS://Example.COM/a.jpg" : "https://example.com/a.jpg")),
    );
    expect(result).toMatchObject({ accepted: 1, duplicates: 999, invalid: 0 });
    const rows = await getPrisma().batchUrl.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ url: "https://example.com/a.jpg", lineNumber: 1 });
    const chunks = await getPrisma().batchChunk.findMany();
    expect(chunks.map((c) => c.total)).toEqual([1]);
  });

  it("fills each chunk with URLs new to the batch: duplicates do not take a chunk's room", async () => {
    // 0,0,1,1,2,2,... → 50 distinct URLs, chunks of 20.
    const result = await create(
      generatedList(100, (i) => `https://e.example.com/${Math.floor(i / 2)}`),
      { chunkSize: 20 },
    );
    expect(result).toMatchObject({ accepted: 50, duplicates: 50 });
    const chunks = await getPrisma().batchChunk.findMany({ orderBy: { index: "asc" } });
    expect(chunks.map((c) => c.total)).toEqual([20, 20, 10]);
  });

  it("rolls everything back when a limit is crossed midway (line count, then file size)", async () => {
    await expect(
      create(
        generatedList(5000, (i) => `https://e.example.com/${i}`),
        { limits: { ...LIMITS, maxLines: 4321 } },
      ),
    ).rejects.toMatchObject({ code: "URL_LIST_TOO_MANY_LINES", details: { max: 4321 } });
    await expectNothingStored();
    await expect(
      create(
        generatedList(50_000, (i) => `https://e.example.com/${i}`),
        { limits: { ...LIMITS, maxBytes: 600_000 } },
      ),
    ).rejects.toMatchObject({ code: "URL_LIST_TOO_LARGE" });
    await expectNothingStored();
  });

  it("refuses an empty list, a list with no valid URL and a header without a URL column, storing nothing", async () => {
    await expect(create(listOf("\uFEFF\n\n  \n"))).rejects.toMatchObject({ code: "URL_LIST_EMPTY" });
    await expect(create(listOf("url\nftp://a/b\nnot-a-url\n"))).rejects.toMatchObject({
      code: "URL_LIST_NO_VALID_URLS",
    });
    await expect(create(listOf("sku,name\nA,b\n"))).rejects.toMatchObject({ code: "URL_LIST_NO_URL_COLUMN" });
    await expectNothingStored();
  });

  it("takes an allow-listed literal loopback address (on-premise sources, tests) and refuses other ports of it", async () => {
    const limits = { ...LIMITS, allowHosts: parseAllowedHosts("127.0.0.1:4010") };
    const result = await create(listOf("http://127.0.0.1:4010/a.jpg\nhttp://127.0.0.1:4011/a.jpg\n"), { limits });
    expect(result).toMatchObject({ accepted: 1, invalid: 1 });
    const failed = await getPrisma().batchUrl.findFirstOrThrow({ where: { status: "FAILED" } });
    expect(failed).toMatchObject({ lineNumber: 2, errorCategory: "BLOCKED_ADDRESS" });
  });

  it("starts the batch when autoStart (startBatch moves it out of DRAFT)", async () => {
    const result = await create(listOf("https://e.example.com/a.jpg\n"), { autoStart: true });
    expect(result.batch.status).not.toBe("DRAFT");
    expect(result.batch.startedAt).not.toBeNull();
  });

  it("refuses a chunk size outside 1..10,000 before reading the list", async () => {
    await expect(create(listOf("https://e.example.com/a\n"), { chunkSize: 0 })).rejects.toBeInstanceOf(ApiError);
    await expect(create(listOf("https://e.example.com/a\n"), { chunkSize: 10_001 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("imports 200,000 generated lines with bounded heap: live heap (after a full GC, every 20,000 lines) stops growing", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const LINES = 200_000;
    // ~190 bytes a line, ~38 MB of list: holding the second half alone would add ~19 MB of strings.
    const line = (i: number) =>
      `https://images.example-supplier.com.br/catalogo/2026/verao/${"x".repeat(100)}/${i}.jpg;SKU-${i}`;
    gc();
    const base = process.memoryUsage().heapUsed;
    const samples = new Map<number, number>();
    let next = 20_000;
    const list = generatedList(LINES, line, (read) => {
      if (read < next) return;
      next += 20_000;
      gc();
      samples.set(read, (process.memoryUsage().heapUsed - base) / 1024 / 1024);
    });
    const started = Date.now();
    const result = await create(list, { chunkSize: 2000 });
    const seconds = (Date.now() - started) / 1000;
    expect(result).toMatchObject({ accepted: LINES, duplicates: 0, invalid: 0 });
    expect(await getPrisma().batchChunk.count()).toBe(100);
    const peak = Math.max(...samples.values());
    const secondHalf = samples.get(LINES)! - samples.get(LINES / 2)!;
    console.log(
      `url-list memory: ${LINES} lines in ${seconds.toFixed(1)} s; live heap growth by lines read: ` +
        [...samples].map(([n, mb]) => `${n / 1000}k ${mb.toFixed(1)} MB`).join(", "),
    );
    // Fixed costs (driver, prepared statements, parser) level off; the list itself must not show.
    expect(peak).toBeLessThan(48);
    expect(secondHalf).toBeLessThan(6);
  }, 600_000);
});
