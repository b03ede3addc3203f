import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { UploadTarget } from "./ingest-upload";

/** The batch a multipart upload writes into: just what ingestion needs (status, brand, collection). */
export async function getUploadTargetOrThrow(batchId: string): Promise<UploadTarget> {
  const batch = await getPrisma().batch.findUnique({
    where: { id: batchId },
    select: { id: true, status: true, brandId: true, collectionId: true },
  });
  if (!batch) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  return batch;
}
