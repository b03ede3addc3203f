import type { ByteRange } from "./types";
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, StorageError } from "./types";

export interface ResolvedRange {
  start: number;
  end: number;
}

function assertRangeShape(range: ByteRange): void {
  const { start, end } = range;
  const badStart = !Number.isSafeInteger(start) || start < 0;
  const badEnd = end !== undefined && (!Number.isSafeInteger(end) || end < start);
  if (badStart || badEnd) {
    throw new StorageError("RANGE_NOT_SATISFIABLE", `Malformed byte range ${JSON.stringify(range)}`);
  }
}

/**
 * Clamps an inclusive range to an object of `size` bytes, like HTTP does: an end past the last
 * byte is shortened, a start at or past the end (including any range on an empty object) fails.
 */
export function resolveRange(range: ByteRange, size: number): ResolvedRange {
  assertRangeShape(range);
  if (range.start >= size) {
    throw new StorageError("RANGE_NOT_SATISFIABLE", `Range start ${range.start} is beyond object size ${size}`);
  }
  const end = Math.min(range.end ?? size - 1, size - 1);
  return { start: range.start, end };
}

/**
 * An HTTP `Range` request header against an object of `size` bytes (RFC 9110 §14.1.2): null when
 * absent (serve the whole object), the inclusive range to serve, or "unsatisfiable" (answer 416).
 * A suffix range `bytes=-N` is the last N bytes; `bytes=-0` asks for zero bytes and, like any range
 * on an empty object or a start past the end, cannot be satisfied. Only one range is served: a
 * list or malformed syntax is unsatisfiable too.
 */
export function parseRangeHeader(header: string | null, size: number): ResolvedRange | "unsatisfiable" | null {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "unsatisfiable";
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(size - suffix, 0), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Number(match[2]);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return "unsatisfiable";
  return { start, end: Math.min(end, size - 1) };
}

/** `Range` header value for an inclusive range. */
export function rangeHeader(range: ByteRange): string {
  assertRangeShape(range);
  return `bytes=${range.start}-${range.end ?? ""}`;
}

/** Parses `Content-Range: bytes start-end/total`; null when absent or malformed. */
export function parseContentRange(value: string | null): { start: number; end: number; total: number } | null {
  const match = value ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value.trim()) : null;
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

/** Keeps page sizes within what both backends accept. */
export function normalizeListLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIST_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) return 1;
  return Math.min(limit, MAX_LIST_LIMIT);
}
