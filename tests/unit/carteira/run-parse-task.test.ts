import { describe, expect, it } from "vitest";
import type { CarteiraParseError, CarteiraParseResult } from "@/lib/carteira/parse";
import { runParseTask } from "@/lib/carteira/parse-worker/run-parse-task";
import { bigCsv, win1252 } from "@/tests/fixtures/carteira/build-fixtures";

const BIG = win1252(bigCsv(100_000));
const ROOMY = { maxMemoryMb: 1024, timeoutMs: 60_000 };

async function failureOf(promise: Promise<unknown>): Promise<CarteiraParseError> {
  try {
    await promise;
  } catch (error) {
    return error as CarteiraParseError;
  }
  throw new Error("expected the parse to fail");
}

describe("carteira parse worker", () => {
  // The bound is relative to the parse's own duration, so a loaded machine slows both sides alike.
  it("parses off the event loop: a timer keeps ticking during a 100k-row parse", { timeout: 60_000 }, async () => {
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 5);
    const t0 = performance.now();
    const result = await runParseTask<CarteiraParseResult>(
      { kind: "parse", input: { bytes: BIG, filename: "big.csv" } },
      ROOMY,
    );
    const elapsed = performance.now() - t0;
    clearInterval(timer);
    expect(result.sheets[0]!.rows).toHaveLength(100_000);
    // In the request thread the whole parse (~0.5–1 s here) would be one stall; the copy of the rows
    // back to this thread is the only blocking part left.
    expect(ticks).toBeGreaterThan(10);
    expect(longestGap).toBeLessThan(Math.max(250, elapsed / 2));
  });

  it("a worker that passes its heap limit → SPREADSHEET_TOO_COMPLEX (memory), the caller lives on", async () => {
    const error = await failureOf(
      runParseTask(
        { kind: "parse", input: { bytes: BIG, filename: "big.csv" } },
        { maxMemoryMb: 32, timeoutMs: 60_000 },
      ),
    );
    expect(error).toMatchObject({ code: "SPREADSHEET_TOO_COMPLEX", details: { reason: "memory" } });
    expect(error.message).toContain("memória");
  });

  it("a parse that passes the time limit → SPREADSHEET_TOO_COMPLEX (time)", async () => {
    const error = await failureOf(
      runParseTask({ kind: "parse", input: { bytes: BIG, filename: "big.csv" } }, { maxMemoryMb: 1024, timeoutMs: 20 }),
    );
    expect(error).toMatchObject({ code: "SPREADSHEET_TOO_COMPLEX", details: { reason: "time" } });
  });

  it("the file's own errors come back as the same CarteiraParseError", async () => {
    const error = await failureOf(
      runParseTask({ kind: "parse", input: { bytes: new Uint8Array(0), filename: "vazio.csv" } }, ROOMY),
    );
    expect(error).toMatchObject({ name: "CarteiraParseError", code: "EMPTY_FILE" });
  });
});
