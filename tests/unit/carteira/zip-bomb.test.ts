// Issue 10 point 7: an XLSX whose sheet inflates to 1 GB while both zip headers declare size 0.
// Its own test file (its own process): peak-RSS growth is measured against a quiet baseline.
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parseCarteiraFile, type CarteiraParseError } from "@/lib/carteira/parse";
import { runParseTask } from "@/lib/carteira/parse-worker/run-parse-task";
import { lyingXlsxBomb } from "@/tests/fixtures/carteira/build-fixtures";

const MB = 1024 * 1024;
let bomb: Uint8Array;

beforeAll(async () => {
  bomb = await lyingXlsxBomb(1024 * MB);
}, 60_000);

/** Runs `fn`, returning its error, the time it took and how much the process's peak RSS grew. */
async function measure(fn: () => unknown): Promise<{ error: CarteiraParseError; ms: number; peakGrowthMb: number }> {
  const before = Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const t0 = performance.now();
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  const peakGrowthMb = Math.max(0, process.resourceUsage().maxRSS * 1024 - before) / MB;
  if (!error) throw new Error("expected the bomb to be refused");
  return { error: error as CarteiraParseError, ms, peakGrowthMb };
}

describe("XLSX zip bomb that lies about its sizes", () => {
  it("is a ~3 MB file declaring 0 bytes (compressed and uncompressed) in both headers", () => {
    expect(bomb.length).toBeLessThan(4 * MB);
    const dv = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    const central = bomb.length - 22 - (46 + "xl/worksheets/sheet1.xml".length);
    expect(dv.getUint32(central + 20, true)).toBe(0);
    expect(dv.getUint32(central + 24, true)).toBe(0);
  });

  it("stops inflating at the unzip limit: SPREADSHEET_TOO_LARGE, fast, peak RSS grows by about the limit", async () => {
    const r = await measure(() =>
      parseCarteiraFile({ bytes: bomb, filename: "bomba.xlsx", limits: { maxUncompressedBytes: 64 * MB } }),
    );
    console.log(
      `[carteira] lying 1 GB bomb, 64 MB limit, in-thread: ${r.error.code} in ${r.ms.toFixed(0)} ms, peak RSS +${r.peakGrowthMb.toFixed(0)} MB`,
    );
    expect(r.error.code).toBe("SPREADSHEET_TOO_LARGE");
    expect(r.error.message).toContain("64 MB");
    expect(r.ms).toBeLessThan(3000);
    expect(r.peakGrowthMb).toBeLessThan(200);
  });

  it("an absurd ratio stops it earlier: ZIP_BOMB", async () => {
    const r = await measure(() =>
      parseCarteiraFile({ bytes: bomb, filename: "bomba.xlsx", limits: { maxCompressionRatio: 5 } }),
    );
    expect(r.error.code).toBe("ZIP_BOMB");
    expect(r.ms).toBeLessThan(3000);
  });

  it("with the default limits, in the parse worker: refused, the process's peak RSS bounded", async () => {
    expect(DEFAULT_LIMITS.maxUncompressedBytes).toBe(300 * MB);
    const r = await measure(() =>
      runParseTask(
        { kind: "preview", input: { bytes: bomb, filename: "bomba.xlsx" } },
        { maxMemoryMb: 1024, timeoutMs: 60_000 },
      ),
    );
    console.log(
      `[carteira] lying 1 GB bomb, default limits, parse worker: ${r.error.code} in ${r.ms.toFixed(0)} ms, peak RSS +${r.peakGrowthMb.toFixed(0)} MB`,
    );
    expect(["SPREADSHEET_TOO_LARGE", "ZIP_BOMB"]).toContain(r.error.code);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.peakGrowthMb).toBeLessThan(600);
  }, 30_000);
});
