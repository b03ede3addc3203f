import { describe, expect, it } from "vitest";
import {
  type CombinationRow,
  dayWindow,
  fillDays,
  parseMetricsSearchParams,
  percentOf,
  shapeCombinations,
} from "@/lib/reports/metrics-shape";
import { metricsExportQuerySchema, metricsQuerySchema } from "@/lib/reports/schemas";

const B1 = "0190f000-0000-7000-8000-000000000001";
const C1 = "0190f000-0000-7000-8000-0000000000c1";
const C2 = "0190f000-0000-7000-8000-0000000000c2";

const row = (fields: Partial<CombinationRow> & { n: number }): CombinationRow => ({
  brandId: B1,
  collectionId: C1,
  status: "PENDENTE",
  matchStatus: "MATCHED",
  processingStatus: "READY",
  aiStatus: "NONE",
  ...fields,
});

const names = {
  brands: new Map([[B1, "Marca A"]]),
  collections: new Map([
    [C1, { name: "Verão", brandName: "Marca A" }],
    [C2, { name: "Inverno", brandName: "Marca A" }],
  ]),
};

describe("shapeCombinations", () => {
  it("sums every dimension over the combinations, every enum value listed in order", () => {
    const shaped = shapeCombinations(
      [
        row({ n: 3 }),
        row({ n: 2, status: "APROVADO", aiStatus: "ANALYZED" }),
        row({ n: 1, collectionId: C2, processingStatus: "FAILED", matchStatus: "NO_SKU" }),
        row({ n: 4, brandId: null, collectionId: null, status: "REJEITADO", matchStatus: "UNMATCHED" }),
        // Counters that summed to nothing count nothing (a photo that moved away from this combination).
        row({ n: 0, status: "PENDENTE_ANALISE_IA" }),
      ],
      names,
    );
    expect(shaped.total).toBe(10);
    expect(shaped.status).toEqual([
      { value: "PENDENTE", count: 4 },
      { value: "APROVADO", count: 2 },
      { value: "REJEITADO", count: 4 },
      { value: "PENDENTE_ANALISE_IA", count: 0 },
    ]);
    expect(shaped.matchStatus.find((s) => s.value === "MATCHED")?.count).toBe(5);
    expect(shaped.matchStatus.map((s) => s.value)).toEqual([
      "PENDING",
      "MATCHED",
      "AMBIGUOUS",
      "UNMATCHED",
      "MANUAL",
      "NO_SKU",
    ]);
    expect(shaped.processingStatus.find((s) => s.value === "FAILED")?.count).toBe(1);
    expect(shaped.aiStatus).toEqual([
      { value: "NONE", count: 8 },
      { value: "QUEUED", count: 0 },
      { value: "ANALYZED", count: 2 },
      { value: "FAILED", count: 0 },
    ]);
    expect(shaped.brands).toEqual([
      { id: B1, name: "Marca A", count: 6 },
      { id: null, name: null, count: 4 },
    ]);
    expect(shaped.collections.map((c) => [c.name, c.count, c.ready, c.failed])).toEqual([
      ["Verão", 5, 5, 0],
      [null, 4, 4, 0],
      ["Inverno", 1, 0, 1],
    ]);
    expect(shaped.collections[0]!.byStatus).toEqual({
      PENDENTE: 3,
      APROVADO: 2,
      REJEITADO: 0,
      PENDENTE_ANALISE_IA: 0,
    });
  });

  it("breaks ties by name and puts the unnamed last", () => {
    const shaped = shapeCombinations(
      [row({ n: 2, collectionId: null }), row({ n: 2 }), row({ n: 2, collectionId: C2 })],
      names,
    );
    expect(shaped.collections.map((c) => c.name)).toEqual(["Inverno", "Verão", null]);
  });

  it("answers zeros for no photos", () => {
    const shaped = shapeCombinations([], names);
    expect(shaped.total).toBe(0);
    expect(shaped.status.every((s) => s.count === 0)).toBe(true);
    expect(shaped.brands).toEqual([]);
  });
});

describe("dayWindow and fillDays", () => {
  const now = new Date("2026-12-03T14:00:00Z");

  it("defaults to the last 30 days up to today (UTC)", () => {
    expect(dayWindow({}, now)).toEqual({ from: "2026-11-04", to: "2026-12-03" });
  });

  it("keeps a full range and completes a half one", () => {
    expect(dayWindow({ from: "2026-01-01", to: "2026-01-03" }, now)).toEqual({ from: "2026-01-01", to: "2026-01-03" });
    expect(dayWindow({ from: "2026-11-30" }, now)).toEqual({ from: "2026-11-30", to: "2026-12-03" });
    expect(dayWindow({ from: "2027-01-01" }, now)).toEqual({ from: "2027-01-01", to: "2027-01-30" });
    expect(dayWindow({ to: "2026-03-01" }, now)).toEqual({ from: "2026-01-31", to: "2026-03-01" });
  });

  it("lists every day of the window, zeros for days without photos, across a month end", () => {
    expect(
      fillDays({ from: "2026-02-27", to: "2026-03-02" }, [
        { day: "2026-02-28", count: 5 },
        { day: "2026-03-02", count: 1 },
        { day: "2026-04-01", count: 9 },
      ]),
    ).toEqual([
      { day: "2026-02-27", count: 0 },
      { day: "2026-02-28", count: 5 },
      { day: "2026-03-01", count: 0 },
      { day: "2026-03-02", count: 1 },
    ]);
  });

  it("rounds shares to whole percent", () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(67);
  });
});

describe("metrics filters", () => {
  it("refuses a range that ends before it starts, one over 366 days, and unknown parameters", () => {
    expect(metricsQuerySchema.safeParse({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ from: "2025-01-01", to: "2026-01-02" }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ from: "2025-01-01", to: "2026-01-01" }).success).toBe(true);
    expect(metricsQuerySchema.safeParse({ status: "APROVADO" }).success).toBe(false);
    expect(metricsQuerySchema.safeParse({ batchId: "not-a-uuid" }).success).toBe(false);
    expect(metricsExportQuerySchema.safeParse({ table: "nope" }).success).toBe(false);
    expect(metricsExportQuerySchema.parse({ table: "days", metadata: "true" })).toMatchObject({
      table: "days",
      format: "csv",
      separator: ";",
    });
  });

  it("reads a page URL leniently: a malformed parameter is dropped, a reversed range keeps from", () => {
    expect(parseMetricsSearchParams({ brandId: B1, batchId: "x", from: "2026-13-01", to: ["2026-03-01"] })).toEqual({
      brandId: B1,
      to: "2026-03-01",
    });
    expect(parseMetricsSearchParams({ from: "2026-03-02", to: "2026-03-01", collectionId: C1 })).toEqual({
      from: "2026-03-02",
      collectionId: C1,
    });
    expect(parseMetricsSearchParams({})).toEqual({});
  });
});
