import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getBatchOrThrow } from "./batch-queries";
import type { createBatchSchema } from "./schemas";

const log = getLogger("BATCH");

/** The brand a new batch is bound to: the collection's when one is chosen (and it must match the brand given). */
export async function resolveBatchBrand(input: { brandId?: string | null; collectionId?: string | null }) {
  const prisma = getPrisma();
  let brandId = input.brandId ?? null;
  if (input.collectionId) {
    const collection = await prisma.collection.findUnique({ where: { id: input.collectionId } });
    if (!collection) throw new ApiError("NOT_FOUND", "Coleção não encontrada.");
    if (brandId && brandId !== collection.brandId)
      throw new ApiError("VALIDATION_FAILED", "A coleção não pertence à marca escolhida.");
    brandId = collection.brandId;
  } else if (brandId && !(await prisma.brand.findUnique({ where: { id: brandId } }))) {
    throw new ApiError("NOT_FOUND", "Marca não encontrada.");
  }
  return brandId;
}

/** A new lote bound to a brand + collection (the collection implies its brand). */
export async function createBatch(actor: SessionUser, input: z.infer<typeof createBatchSchema>) {
  const prisma = getPrisma();
  const brandId = await resolveBatchBrand(input);
  const batch = await prisma.batch.create({
    data: { name: input.name, brandId, collectionId: input.collectionId ?? null, createdById: actor.id },
  });
  await recordAudit({
    userId: actor.id,
    action: "BATCH_CREATE",
    entityType: "Batch",
    entityId: batch.id,
    data: { name: batch.name },
  });
  log.info({ action: "BATCH_CREATE", batchId: batch.id, userId: actor.id }, "Lote criado");
  return getBatchOrThrow(batch.id);
}

/** Only an empty draft can be deleted; anything with files is cancelled instead. */
export async function deleteEmptyBatch(actor: SessionUser, batchId: string): Promise<void> {
  const prisma = getPrisma();
  const uploads = await prisma.batchUpload.count({ where: { batchId } });
  const images = await prisma.image.count({ where: { batchId } });
  if (uploads > 0 || images > 0) throw new ApiError("CONFLICT", "O lote já tem arquivos; cancele-o em vez de excluir.");
  const deleted = await prisma.batch.deleteMany({ where: { id: batchId } });
  if (deleted.count === 0) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  await recordAudit({ userId: actor.id, action: "BATCH_DELETE", entityType: "Batch", entityId: batchId });
}
