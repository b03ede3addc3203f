import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, type GenerationJob } from "@/lib/db/client";
import { generatedFilePath } from "./prompt-file";
import type { generationJobDetailSchema, generationJobSummarySchema } from "./schemas";

type Summary = z.infer<typeof generationJobSummarySchema>;
type Detail = z.infer<typeof generationJobDetailSchema>;

/** The rate is measured over the images finished in this last window. */
const RATE_WINDOW_MS = 5 * 60_000;

function summary(job: GenerationJob & { batch: { name: string } }): Summary {
  return {
    id: job.id,
    status: job.status,
    batchId: job.batchId,
    batchName: job.batch.name,
    model: job.model,
    size: job.size,
    quality: job.quality,
    separateFolders: job.separateFolders,
    total: job.total,
    done: job.succeeded,
    failed: job.failed,
    remaining: Math.max(0, job.total - job.succeeded - job.failed),
    pauseCode: job.pauseCode,
    pauseReason: job.pauseReason,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

export async function listGenerationJobs(options: { limit: number }): Promise<Summary[]> {
  const jobs = await getPrisma().generationJob.findMany({
    orderBy: { id: "desc" },
    take: options.limit,
    include: { batch: { select: { name: true } } },
  });
  return jobs.map(summary);
}

/** Progress (done / failed / remaining, images per minute, ETA) and the per-prompt results. */
export async function getGenerationJobOrThrow(jobId: string): Promise<Detail> {
  const prisma = getPrisma();
  const job = await prisma.generationJob.findUnique({
    where: { id: jobId },
    include: {
      batch: { select: { name: true } },
      prompts: { orderBy: { position: "asc" }, include: { items: { orderBy: { number: "asc" } } } },
    },
  });
  if (!job) throw new ApiError("NOT_FOUND", "Geração não encontrada.");
  const now = Date.now();
  const since = Math.max(job.startedAt?.getTime() ?? now, now - RATE_WINDOW_MS);
  const finished = job.prompts
    .flatMap((p) => p.items)
    .filter((i) => i.finishedAt && i.finishedAt.getTime() >= since).length;
  const minutes = (now - since) / 60_000;
  const base = summary(job);
  const imagesPerMinute = job.status === "RUNNING" && minutes > 0.05 ? finished / minutes : null;
  const etaSeconds =
    imagesPerMinute && imagesPerMinute > 0 ? Math.round((base.remaining / imagesPerMinute) * 60) : null;
  return {
    ...base,
    imagesPerMinute: imagesPerMinute === null ? null : Math.round(imagesPerMinute * 100) / 100,
    etaSeconds,
    prompts: job.prompts.map((p) => ({
      id: p.id,
      position: p.position,
      prompt: p.prompt,
      sku: p.sku,
      slug: p.slug,
      quantity: p.quantity,
      items: p.items.map((i) => {
        const path = generatedFilePath(p, i.number, job.separateFolders);
        return {
          id: i.id,
          number: i.number,
          status: i.status,
          attempts: i.attempts,
          fileName: path.fileName,
          relativePath: path.relativePath,
          imageId: i.imageId,
          errorCode: i.errorCode,
          error: i.error,
          revisedPrompt: i.revisedPrompt,
        };
      }),
    })),
  };
}
