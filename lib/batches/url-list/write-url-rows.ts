import "server-only";
import type { Prisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
import type { UrlListLine } from "./parse-url-list";

type Tx = Prisma.TransactionClient;

// Prisma stores DateTime as UTC in `timestamp(3)` columns; raw SQL must do the same.
const NOW_UTC = "(now() AT TIME ZONE 'UTC')";

/** Rows per INSERT statement: one statement per chunk at the default chunk size. */
export const ROWS_PER_STATEMENT = 2000;

export type WriteCounts = { accepted: number; invalid: number; duplicates: number; chunks: number };

/**
 * Writes the lines of a list into a batch's chunks as they come, in bounded statements: chunk i
 * takes the next `chunkSize` URLs the batch did not have yet. A URL already in the batch (the same
 * normalised URL earlier in the list) is dropped by the unique (batchId, url) index — `ON CONFLICT
 * DO NOTHING` — and counted as a duplicate, so the line kept is where it first appears and the
 * list is never held in memory to find repeats. Invalid lines are rows too (FAILED, with their
 * line number and reason) and count in their chunk like any URL.
 */
export class UrlRowWriter {
  private buffer: UrlListLine[] = [];
  private chunk: { id: string; index: number; filled: number } | null = null;
  private nextIndex = 0;
  readonly counts: WriteCounts = { accepted: 0, invalid: 0, duplicates: 0, chunks: 0 };

  constructor(
    private readonly tx: Tx,
    private readonly batchId: string,
    private readonly chunkSize: number,
  ) {}

  /** Room left in the open chunk (a whole chunk when none is open). */
  private get room(): number {
    return this.chunkSize - (this.chunk?.filled ?? 0);
  }

  async add(line: UrlListLine): Promise<void> {
    this.buffer.push(line);
    if (this.buffer.length >= Math.min(ROWS_PER_STATEMENT, this.room)) await this.flush();
  }

  /** Writes what is buffered, then closes the last chunk with its total. */
  async finish(): Promise<WriteCounts> {
    while (this.buffer.length > 0) await this.flush();
    await this.closeChunk();
    return this.counts;
  }

  private async openChunk(): Promise<{ id: string; index: number; filled: number }> {
    if (this.chunk) return this.chunk;
    const chunk = { id: uuidv7(), index: this.nextIndex++, filled: 0 };
    await this.tx.$executeRawUnsafe(
      `INSERT INTO "BatchChunk" (id, "batchId", index, total, "createdAt", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, 0, ${NOW_UTC}, ${NOW_UTC})`,
      chunk.id,
      this.batchId,
      chunk.index,
    );
    this.counts.chunks += 1;
    this.chunk = chunk;
    return chunk;
  }

  private async closeChunk(): Promise<void> {
    if (!this.chunk) return;
    await this.tx.$executeRawUnsafe(
      `UPDATE "BatchChunk" SET total = $2, "updatedAt" = ${NOW_UTC} WHERE id = $1::uuid`,
      this.chunk.id,
      this.chunk.filled,
    );
    this.chunk = null;
  }

  /** Inserts up to the open chunk's room; what the index drops as duplicates leaves room for the next lines. */
  private async flush(): Promise<void> {
    const chunk = await this.openChunk();
    const rows = this.buffer.splice(0, Math.min(ROWS_PER_STATEMENT, this.room));
    if (rows.length === 0) return;
    const [written] = await this.tx.$queryRawUnsafe<{ pending: number; failed: number }[]>(
      `WITH ins AS (
         INSERT INTO "BatchUrl" (id, "batchId", "chunkId", "lineNumber", url, sku, path, name, status, "errorCategory", "errorCode", "updatedAt")
         SELECT u.id, $1::uuid, $2::uuid, u.line, u.url, u.sku, u.path, u.name, u.status::"BatchUrlStatus", u.category::"UrlErrorCategory", u.code, ${NOW_UTC}
         FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
           AS u(id, line, url, sku, path, name, status, category, code)
         ON CONFLICT ("batchId", url) DO NOTHING
         RETURNING status)
       SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending, count(*) FILTER (WHERE status = 'FAILED')::int AS failed FROM ins`,
      this.batchId,
      chunk.id,
      rows.map(() => uuidv7()),
      rows.map((r) => r.lineNumber),
      rows.map((r) => r.url),
      rows.map((r) => r.sku),
      rows.map((r) => r.path),
      rows.map((r) => r.name),
      rows.map((r) => (r.ok ? "PENDING" : "FAILED")),
      rows.map((r) => (r.ok ? null : r.category)),
      rows.map((r) => (r.ok ? null : r.code)),
    );
    const inserted = written!.pending + written!.failed;
    this.counts.accepted += written!.pending;
    this.counts.invalid += written!.failed;
    this.counts.duplicates += rows.length - inserted;
    chunk.filled += inserted;
    if (chunk.filled >= this.chunkSize) await this.closeChunk();
  }
}
