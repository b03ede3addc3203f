import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { parseUrlList, type UrlListLimits } from "./parse-url-list";
import { DEFAULT_CHUNK_SIZE, PREVIEW_INVALID_SHOWN, PREVIEW_VALID_SHOWN, type UrlListPreview } from "./schemas";

/** 52 bits of the line's SHA-1: a repeat test for the preview without keeping the lines (1M lines ≈ 40 MB of numbers). */
const fingerprint = (text: string) => parseInt(createHash("sha1").update(text).digest("hex").slice(0, 13), 16);

/**
 * What creating a batch from this list would keep, computed while it streams and storing nothing:
 * counts (valid, repeated, invalid, blocked), the first invalid lines with their numbers and
 * reasons, the first valid rows. Repeats are found as the import finds them (the same normalised
 * URL, or the same invalid text), by fingerprint.
 */
export async function previewUrlList(list: Readable, fileName: string, limits: UrlListLimits): Promise<UrlListPreview> {
  const seen = new Set<number>();
  const preview: UrlListPreview = {
    fileName,
    totalLines: 0,
    valid: 0,
    duplicates: 0,
    invalid: 0,
    blocked: 0,
    chunks: 0,
    invalidLines: [],
    validRows: [],
  };
  for await (const line of parseUrlList(list, limits)) {
    preview.totalLines += 1;
    const key = fingerprint(line.url);
    if (seen.has(key)) {
      preview.duplicates += 1;
      continue;
    }
    seen.add(key);
    if (line.ok) {
      preview.valid += 1;
      if (preview.validRows.length < PREVIEW_VALID_SHOWN)
        preview.validRows.push({
          line: line.lineNumber,
          url: line.url,
          sku: line.sku,
          path: line.path,
          name: line.name,
        });
    } else {
      preview.invalid += 1;
      if (line.category === "BLOCKED_ADDRESS") preview.blocked += 1;
      if (preview.invalidLines.length < PREVIEW_INVALID_SHOWN)
        preview.invalidLines.push({
          line: line.lineNumber,
          text: line.url,
          code: line.code,
          category: line.category,
          details: line.details,
        });
    }
  }
  preview.chunks = Math.ceil((preview.valid + preview.invalid) / DEFAULT_CHUNK_SIZE);
  return preview;
}
