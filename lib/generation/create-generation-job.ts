import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { finishBatchIfDone, moveBatchOrThrow, NOT_STARTED } from "@/lib/batches/batch-lifecycle";
import { createBatch } from "@/lib/batches/create-batch";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
import { getLogger } from "@/lib/log/logger";
import { enqueueGeneration } from "./generation-job";
import type { ParsedPrompt } from "./prompt-file";

const log = getLogger("GENERATION");

export type GenerationDestination =
  { batchId: string } | { batch: { name: string; brandId?: string | null; collectionId?: string | null } };

/**
 * A generation job: its prompts and one item per image (numbered as parsed), written in one
 * transaction, into an existing batch or a new one (brand + collection). The batch is started if it
 * was not, so each generated image is processed (thumbnail, hashes, matching) as soon as it is stored.
 */
export async function createGenerationJob(
  actor: SessionUser,
  input: {
    prompts: ParsedPrompt[];
    destination: GenerationDestination;
    size?: string;
    model?: string;
    quality?: string;
    separateFolders?: boolean;
  },
): Promise<{ id: string; total: number; batchId: string }> {
  const prisma = getPrisma();
  const env = getEnv();
  let batchId: string;
  if ("batchId" in input.destination) {
    const batch = await prisma.batch.findUnique({
      where: { id: input.destination.batchId },
      select: { id: true, status: true, deletedAt: true },
    });
    if (!batch || batch.deletedAt) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
    if (batch.status === "CANCELLED")
      throw new ApiError("CONFLICT", "Este lote não aceita mais arquivos.", { code: "BATCH_NOT_ACCEPTING" });
    batchId = batch.id;
  } else {
    batchId = (await createBatch(actor, input.destination.batch)).id;
  }
  const total = input.prompts.reduce((sum, p) => sum + p.quantity, 0);
  const jobId = uuidv7();
  await prisma.$transaction(async (tx) => {
    await tx.generationJob.create({
      data: {
        id: jobId,
        createdById: actor.id,
        batchId,
        model: input.model ?? env.GENERATION_MODEL,
        size: input.size ?? env.GENERATION_SIZE,
        quality: input.quality ?? null,
        separateFolders: input.separateFolders ?? true,
        total,
      },
    });
    const prompts = input.prompts.map((p) => ({ ...p, id: uuidv7() }));
    await tx.generationPrompt.createMany({
      data: prompts.map((p) => ({
        id: p.id,
        jobId,
        position: p.index,
        prompt: p.prompt,
        sku: p.sku,
        slug: p.slug,
        quantity: p.quantity,
      })),
    });
    await tx.generationItem.createMany({
      data: prompts.flatMap((p) => p.numbers.map((number) => ({ id: uuidv7(), jobId, promptId: p.id, number }))),
    });
  });
  const batch = await prisma.batch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true } });
  if (NOT_STARTED.includes(batch.status)) {
    await moveBatchOrThrow(batchId, "start").catch(() => {});
    await finishBatchIfDone(batchId);
  }
  await enqueueGeneration(jobId);
  await recordAudit({
    userId: actor.id,
    action: "GENERATION_CREATE",
    entityType: "GenerationJob",
    entityId: jobId,
    data: { total, prompts: input.prompts.length },
  });
  log.info({ action: "GENERATION_CREATE", jobId, batchId, total, userId: actor.id }, "Geração criada");
  return { id: jobId, total, batchId };
}
