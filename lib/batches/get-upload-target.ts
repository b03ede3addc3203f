import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { UploadTarget } from "./ingest-upload";

/** The batch a multipart upload writes into: just what ingestion needs (status, brand, collection). */
export async function getUploadTargetOrThrow(batchId: string): Promise<UploadTarget> {
  const batch = await getPrisma().batch.findUnique({
    where: { id: batchId },
    select: { id: true, status: true, brandId: true, collectionId: true, deletedAt: true },
  });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  // A soft-deleted batch is hidden and waits for its purge: no new files (restore it first).
  if (batch.deletedAt)
    throw new ApiError("CONFLICT", "O lote foi excluído; restaure-o antes.", { code: "BATCH_DELETED" });
  return { id: batch.id, status: batch.status, brandId: batch.brandId, collectionId: batch.collectionId };
}
