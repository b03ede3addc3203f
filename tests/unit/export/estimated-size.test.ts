import { describe, expect, it } from "vitest";
import { estimatedBytes, type ExportEstimate } from "@/lib/export/estimated-size";

const sizes = (csv: number, xlsx: number) => ({ csv, json: csv * 2, ndjson: csv * 2, xlsx });

describe("estimatedBytes", () => {
  const partial: ExportEstimate = {
    sample_rows: 100,
    complete: false,
    empty_bytes: sizes(50, 4_000),
    sample_bytes: sizes(10_050, 9_000),
  };

  it("scales the sample's bytes per row and keeps the fixed part once (headers, the XLSX package)", () => {
    expect(estimatedBytes(partial, "csv", 1_000)).toBe(50 + 100 * 1_000);
    expect(estimatedBytes(partial, "xlsx", 1_000_000)).toBe(4_000 + 50 * 1_000_000);
    expect(estimatedBytes(partial, "json", 0)).toBe(100);
    expect(estimatedBytes(partial, "csv", -5)).toBe(50);
  });

  it("a complete sample is the file itself, whatever count the caller has", () => {
    const whole: ExportEstimate = { ...partial, sample_rows: 3, complete: true };
    expect(estimatedBytes(whole, "csv", 1_000)).toBe(10_050);
    expect(estimatedBytes({ ...partial, sample_rows: 0 }, "xlsx", 10)).toBe(9_000);
  });
});
