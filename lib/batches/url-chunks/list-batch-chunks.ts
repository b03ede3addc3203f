import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { batchChunkSchema, batchChunksSchema } from "./schemas";

type ChunkView = z.infer<typeof batchChunkSchema>;

/** A URL batch's chunks in list order with their counts read from their URLs (seed 004's chunk view). */
export async function listBatchChunks(
  batchId: string,
  options: { limit: number; after: number },
): Promise<z.infer<typeof batchChunksSchema>> {
  const prisma = getPrisma();
  const batch = await prisma.batch.findUnique({ where: { id: batchId }, select: { id: true } });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  const [chunks, total] = await Promise.all([
    prisma.batchChunk.findMany({
      where: { batchId, index: { gte: options.after } },
      orderBy: { index: "asc" },
      take: options.limit + 1,
    }),
    prisma.batchChunk.count({ where: { batchId } }),
  ]);
  const page = chunks.slice(0, options.limit);
  const counts = await prisma.batchUrl.groupBy({
    by: ["chunkId", "status"],
    where: { chunkId: { in: page.map((c) => c.id) } },
    _count: { _all: true },
  });
  const byChunk = new Map<string, Record<string, number>>();
  for (const row of counts) {
    const entry = byChunk.get(row.chunkId) ?? {};
    entry[row.status] = row._count._all;
    byChunk.set(row.chunkId, entry);
  }
  const now = Date.now();
  const items = page.map((chunk): ChunkView => {
    const n = byChunk.get(chunk.id) ?? {};
    const of = (status: string) => n[status] ?? 0;
    const successful = of("STORED") + of("DUPLICATE");
    const processed = successful + of("FAILED");
    const end = chunk.finishedAt?.getTime() ?? now;
    return {
      chunk_id: chunk.id,
      chunk_number: chunk.index + 1,
      status: chunk.status,
      url_count: chunk.total,
      processed_count: processed,
      successful_count: successful,
      duplicate_count: of("DUPLICATE"),
      failed_count: of("FAILED"),
      pending_count: of("PENDING") + of("FETCHING"),
      cancelled_count: of("CANCELLED"),
      progress_percentage: chunk.total > 0 ? Math.min(100, Math.round((processed / chunk.total) * 1000) / 10) : 100,
      started_at: chunk.startedAt?.toISOString() ?? null,
      completed_at: chunk.finishedAt?.toISOString() ?? null,
      processing_time_seconds: chunk.startedAt
        ? Math.max(0, Math.round((end - chunk.startedAt.getTime()) / 100) / 10)
        : null,
      worker_id: chunk.worker,
    };
  });
  return {
    batch_id: batchId,
    chunks: items,
    total_chunks: total,
    next_after: chunks.length > options.limit ? page[page.length - 1]!.index + 1 : null,
  };
}
