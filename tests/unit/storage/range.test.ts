import { describe, expect, it } from "vitest";
import {
  normalizeListLimit,
  parseContentRange,
  parseRangeHeader,
  rangeHeader,
  resolveRange,
} from "@/lib/storage/range";

describe("resolveRange", () => {
  it.each([
    { range: { start: 0, end: 0 }, size: 10, expected: { start: 0, end: 0 } },
    { range: { start: 0 }, size: 10, expected: { start: 0, end: 9 } },
    { range: { start: 3, end: 5 }, size: 10, expected: { start: 3, end: 5 } },
    { range: { start: 9, end: 100 }, size: 10, expected: { start: 9, end: 9 } },
  ])("clamps $range to size $size", ({ range, size, expected }) => {
    expect(resolveRange(range, size)).toEqual(expected);
  });

  it.each([
    { range: { start: 10 }, size: 10 },
    { range: { start: 0 }, size: 0 },
    { range: { start: -1 }, size: 10 },
    { range: { start: 5, end: 4 }, size: 10 },
    { range: { start: Number.NaN }, size: 10 },
    { range: { start: 0, end: 1.5 }, size: 10 },
  ])("rejects $range on size $size", ({ range, size }) => {
    expect(() => resolveRange(range, size)).toThrow(expect.objectContaining({ code: "RANGE_NOT_SATISFIABLE" }));
  });
});

describe("HTTP range helpers", () => {
  it("formats Range headers", () => {
    expect(rangeHeader({ start: 0, end: 99 })).toBe("bytes=0-99");
    expect(rangeHeader({ start: 100 })).toBe("bytes=100-");
  });

  it.each([
    { value: "bytes 0-99/1000", expected: { start: 0, end: 99, total: 1000 } },
    { value: "bytes */1000", expected: null },
    { value: "bytes 0-99/*", expected: null },
    { value: null, expected: null },
  ])("parses Content-Range $value", ({ value, expected }) => {
    expect(parseContentRange(value)).toEqual(expected);
  });

  it.each([
    { limit: undefined, expected: 1000 },
    { limit: 10, expected: 10 },
    { limit: 0, expected: 1 },
    { limit: 5000, expected: 1000 },
    { limit: 2.5, expected: 1 },
  ])("normalizes list limit $limit", ({ limit, expected }) => {
    expect(normalizeListLimit(limit)).toBe(expected);
  });
});

describe("parseRangeHeader", () => {
  it.each([
    { header: null, size: 10, expected: null },
    { header: "bytes=0-0", size: 10, expected: { start: 0, end: 0 } },
    { header: "bytes=2-", size: 10, expected: { start: 2, end: 9 } },
    { header: "bytes=5-100", size: 10, expected: { start: 5, end: 9 } },
    { header: "bytes=-3", size: 10, expected: { start: 7, end: 9 } },
    { header: "bytes=-30", size: 10, expected: { start: 0, end: 9 } },
    { header: " bytes=1-2 ", size: 10, expected: { start: 1, end: 2 } },
  ])("serves $header of $size bytes", ({ header, size, expected }) => {
    expect(parseRangeHeader(header, size)).toEqual(expected);
  });

  it.each([
    { header: "bytes=-0", size: 10 },
    { header: "bytes=-00", size: 10 },
    { header: "bytes=-5", size: 0 },
    { header: "bytes=0-", size: 0 },
    { header: "bytes=10-", size: 10 },
    { header: "bytes=5-4", size: 10 },
    { header: "bytes=-", size: 10 },
    { header: "bytes=0-1,3-4", size: 10 },
    { header: "items=0-1", size: 10 },
    { header: "bytes=99999999999999999999-", size: 10 },
  ])("refuses $header of $size bytes", ({ header, size }) => {
    expect(parseRangeHeader(header, size)).toBe("unsatisfiable");
  });
});
