import { getPrisma } from "@/lib/db/client";
import { insertJobs } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import { URL_CHUNK_JOB, urlChunkJob } from "./url-chunk-job";

/**
 * Sends one job per chunk of `batchId` that still has URLs to fetch (pending, or held by a worker
 * that died). A chunk job sent twice is harmless: the handler claims its URLs one by one.
 */
export async function enqueueUrlChunks(batchId: string): Promise<number> {
  const chunks = await getPrisma().$queryRaw<{ id: string }[]>`
    SELECT c."id"::text AS id FROM "BatchChunk" c
    WHERE c."batchId" = ${batchId}::uuid
      AND EXISTS (SELECT 1 FROM "BatchUrl" u WHERE u."chunkId" = c."id" AND u."status" IN ('PENDING', 'FETCHING'))
    ORDER BY c."index"`;
  if (chunks.length === 0) return 0;
  await ensureQueue(urlChunkJob);
  await insertJobs(
    URL_CHUNK_JOB,
    chunks.map((chunk) => ({ data: { chunkId: chunk.id } })),
  );
  return chunks.length;
}
