import { AiCallError } from "@/lib/ai/errors";
import { acquireKey } from "@/lib/ai/keys/key-pool";
import { recordAiCall } from "@/lib/ai/runs/run-items";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import type { JobOutcome } from "@/lib/jobs/define-job";
import { getLogger } from "@/lib/log/logger";
import { generateImage, GenerationFailure } from "./generate-image";
import { enqueueGeneration, generationLeaseSeconds, generationSliceMs } from "./generation-job";
import { reportGenerationFailure, reportGenerationSuccess, resetGenerationPool } from "./generation-keys";
import { findStoredGeneration, generationUploadId, storeGeneratedImage } from "./store-generated-image";

const log = getLogger("GENERATION");

type Job = {
  id: string;
  batchId: string;
  model: string;
  size: string;
  quality: string | null;
  separateFolders: boolean;
  poolResets: number;
};
type ClaimedItem = {
  id: string;
  number: number;
  round: number;
  claimToken: string;
  prompt: { prompt: string; sku: string | null; slug: string };
};
type ItemOutcome = "done" | "released" | "paused" | "deferred";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next image of the job: a PENDING one, or one a dead worker held past its lease. */
async function claimItem(jobId: string): Promise<ClaimedItem | null> {
  const lease = generationLeaseSeconds();
  const rows = await getPrisma().$queryRaw<
    {
      id: string;
      number: number;
      round: number;
      claimToken: string;
      prompt: string;
      sku: string | null;
      slug: string;
    }[]
  >`
    WITH next AS (
      SELECT i."id" FROM "GenerationItem" i
      WHERE i."jobId" = ${jobId}::uuid AND (i."status" = 'PENDING'
        OR (i."status" = 'RUNNING' AND i."claimedAt" < now() - make_interval(secs => ${lease}::int)))
      ORDER BY i."number" LIMIT 1 FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE "GenerationItem" i SET "status" = 'RUNNING', "claimedAt" = clock_timestamp(), "updatedAt" = now()
      FROM next WHERE i."id" = next."id"
      RETURNING i."id", i."number", i."round", i."promptId", i."claimedAt"
    )
    SELECT c."id"::text AS "id", c."number", c."round", c."claimedAt"::text AS "claimToken", p."prompt", p."sku", p."slug"
    FROM claimed c JOIN "GenerationPrompt" p ON p."id" = c."promptId"`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    round: row.round,
    claimToken: row.claimToken,
    prompt: { prompt: row.prompt, sku: row.sku, slug: row.slug },
  };
}

/** Ends the claim (only while this worker still holds it) and refreshes the job's counts. */
async function endItem(
  jobId: string,
  item: ClaimedItem,
  end:
    | { status: "SUCCEEDED"; imageId: string; revisedPrompt: string | null; durationMs: number | null }
    | { status: "FAILED"; code: string; error: string }
    | { status: "PENDING" },
): Promise<void> {
  const prisma = getPrisma();
  if (end.status === "SUCCEEDED")
    await prisma.$executeRaw`
      UPDATE "GenerationItem" SET "status" = 'SUCCEEDED', "imageId" = ${end.imageId}::uuid, "revisedPrompt" = ${end.revisedPrompt},
        "durationMs" = ${end.durationMs}::int, "error" = NULL, "errorCode" = NULL, "finishedAt" = now(), "updatedAt" = now()
      WHERE "id" = ${item.id}::uuid AND "status" = 'RUNNING' AND "claimedAt"::text = ${item.claimToken}`;
  else if (end.status === "FAILED")
    await prisma.$executeRaw`
      UPDATE "GenerationItem" SET "status" = 'FAILED', "errorCode" = ${end.code}, "error" = ${end.error.slice(0, 1000)},
        "finishedAt" = now(), "updatedAt" = now()
      WHERE "id" = ${item.id}::uuid AND "status" = 'RUNNING' AND "claimedAt"::text = ${item.claimToken}`;
  else
    await prisma.$executeRaw`
      UPDATE "GenerationItem" SET "status" = 'PENDING', "claimedAt" = NULL, "updatedAt" = now()
      WHERE "id" = ${item.id}::uuid AND "status" = 'RUNNING' AND "claimedAt"::text = ${item.claimToken}`;
  await refreshCounts(jobId);
}

export async function refreshCounts(jobId: string): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE "GenerationJob" j SET
      "succeeded" = (SELECT count(*) FROM "GenerationItem" i WHERE i."jobId" = j."id" AND i."status" = 'SUCCEEDED')::int,
      "failed" = (SELECT count(*) FROM "GenerationItem" i WHERE i."jobId" = j."id" AND i."status" = 'FAILED')::int,
      "updatedAt" = now()
    WHERE j."id" = ${jobId}::uuid`;
}

async function jobStatus(jobId: string): Promise<string | null> {
  const job = await getPrisma().generationJob.findUnique({ where: { id: jobId }, select: { status: true } });
  return job?.status ?? null;
}

async function pauseJob(jobId: string, code: string, reason: string): Promise<void> {
  await getPrisma().generationJob.updateMany({
    where: { id: jobId, status: "RUNNING" },
    data: { status: "PAUSED", pauseCode: code, pauseReason: reason },
  });
  log.warn({ action: "GENERATION_PAUSED", jobId, code }, "Geração pausada");
}

const failureCode = (error: AiCallError) =>
  error.kind === "timeout" ? "GENERATION_TIMEOUT" : "GENERATION_PROVIDER_ERROR";

/**
 * One image: found already stored (a crash after the upload was recorded: never generated again),
 * or generated with the pool's next key. 401/403 (and quota) take the key out of the generation
 * pool and 429 cools it down; the same image goes to the next key. Every key out: the pool is
 * reset once per (re)start of the job, then the job pauses. A refusal or a bad reply fails the
 * image, never the job.
 */
async function processItem(job: Job, item: ClaimedItem, sliceEnd: number): Promise<ItemOutcome> {
  const env = getEnv();
  const prisma = getPrisma();
  const uploadId = generationUploadId(item);
  const stored = await findStoredGeneration(job.batchId, uploadId);
  if (stored) {
    await endItem(job.id, item, { status: "SUCCEEDED", imageId: stored, revisedPrompt: null, durationMs: null });
    return "done";
  }
  let retryableFailures = 0;
  for (;;) {
    if ((await jobStatus(job.id)) !== "RUNNING") {
      await endItem(job.id, item, { status: "PENDING" });
      return "released";
    }
    const lease = await acquireKey({ capability: "image", estimatedTokens: 0 });
    if (lease.kind === "none") {
      if (lease.code === "ALL_KEYS_UNUSABLE" && job.poolResets === 0) {
        // Once per (re)start of the job: the lane that wins this conditional UPDATE resets the pool;
        // another lane that found the pool empty at the same moment just tries again.
        const won = await prisma.generationJob.updateMany({
          where: { id: job.id, poolResets: 0 },
          data: { poolResets: { increment: 1 } },
        });
        if (won.count > 0) await resetGenerationPool();
        job.poolResets = 1;
        continue;
      }
      await endItem(job.id, item, { status: "PENDING" });
      await pauseJob(
        job.id,
        lease.code === "NO_KEYS" ? "GENERATION_NO_KEYS" : "GENERATION_KEYS_EXHAUSTED",
        lease.code === "NO_KEYS"
          ? "Nenhuma chave com a capacidade de geração de imagens (image) no pool."
          : `Todas as chaves de geração foram recusadas, mesmo depois de reiniciar o pool. ${lease.reason}`,
      );
      return "paused";
    }
    if (lease.kind === "wait") {
      if (Date.now() + lease.retryInMs > sliceEnd) {
        await endItem(job.id, item, { status: "PENDING" });
        await enqueueGeneration(job.id, lease.retryInMs / 1000);
        return "deferred";
      }
      await sleep(lease.retryInMs);
      continue;
    }
    const key = lease.key;
    await prisma.generationItem.update({ where: { id: item.id }, data: { attempts: { increment: 1 } } });
    const started = performance.now();
    try {
      const image = await generateImage({
        apiKey: key.apiKey,
        baseUrl: env.OPENAI_BASE_URL,
        model: job.model,
        prompt: item.prompt.prompt,
        size: job.size,
        quality: job.quality,
        timeoutMs: env.GENERATION_REQUEST_TIMEOUT_SECONDS * 1000,
      });
      const imageId = await storeGeneratedImage({
        batchId: job.batchId,
        item,
        prompt: item.prompt,
        separateFolders: job.separateFolders,
        model: job.model,
        bytes: image.bytes,
        revisedPrompt: image.revisedPrompt,
      });
      await reportGenerationSuccess(key.id, env.GENERATION_IMAGE_PRICE_USD);
      await recordAiCall({
        keyId: key.id,
        runId: null,
        imageId,
        purpose: "image",
        model: job.model,
        ok: true,
        durationMs: image.durationMs,
        costUsd: env.GENERATION_IMAGE_PRICE_USD,
      });
      await endItem(job.id, item, {
        status: "SUCCEEDED",
        imageId,
        revisedPrompt: image.revisedPrompt,
        durationMs: image.durationMs,
      });
      return "done";
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      const durationMs = Math.round(performance.now() - started);
      const call = { keyId: key.id, runId: null, imageId: null, purpose: "image", model: job.model, durationMs };
      if (error instanceof GenerationFailure) {
        await recordAiCall({ ...call, ok: false, errorKind: "invalid_reply", httpStatus: null }).catch(() => {});
        await endItem(job.id, item, { status: "FAILED", code: error.code, error: error.message });
        return "done";
      }
      if (error instanceof AiCallError) {
        await recordAiCall({ ...call, ok: false, errorKind: error.kind, httpStatus: error.details.status ?? null });
        await reportGenerationFailure(key, error);
        log.info(
          { action: "GENERATION_CALL_FAILED", jobId: job.id, itemId: item.id, keyId: key.id, kind: error.kind },
          "Chamada de geração falhou",
        );
        if (error.kind === "auth" || error.kind === "quota" || error.kind === "rate_limit") continue;
        if (error.isRetryable && ++retryableFailures < env.GENERATION_MAX_ATTEMPTS) continue;
        await endItem(job.id, item, { status: "FAILED", code: failureCode(error), error: error.message });
        return "done";
      }
      // The store refused it (the batch was cancelled, storage down): the image fails with the reason.
      const message = error instanceof Error ? error.message : String(error);
      log.warn({ action: "GENERATION_STORE_FAILED", jobId: job.id, itemId: item.id }, message);
      await endItem(job.id, item, { status: "FAILED", code: "GENERATION_STORE_FAILED", error: message });
      return "done";
    }
  }
}

async function finishIfDone(jobId: string): Promise<boolean> {
  const done = await getPrisma().$executeRaw`
    UPDATE "GenerationJob" j SET "status" = 'COMPLETED', "finishedAt" = now(), "updatedAt" = now()
    WHERE j."id" = ${jobId}::uuid AND j."status" = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM "GenerationItem" i WHERE i."jobId" = j."id" AND i."status" IN ('PENDING', 'RUNNING'))`;
  if (done > 0) log.info({ action: "GENERATION_COMPLETED", jobId }, "Geração concluída");
  return done > 0;
}

/**
 * The pg-boss handler's work: re-reads the job and generates its images for a slice of the job's
 * expiry, GENERATION_CONCURRENCY at a time (lanes that each claim the next image), then hands over.
 */
export async function processGenerationJob(jobId: string): Promise<JobOutcome> {
  const prisma = getPrisma();
  const sliceEnd = Date.now() + generationSliceMs();
  await prisma.generationJob.updateMany({
    where: { id: jobId, status: "QUEUED" },
    data: { status: "RUNNING", startedAt: new Date(), finishedAt: null },
  });
  const lane = async (): Promise<"stopped" | "slice" | "empty" | ItemOutcome> => {
    for (;;) {
      const job = await prisma.generationJob.findUnique({
        where: { id: jobId },
        select: {
          id: true,
          status: true,
          batchId: true,
          model: true,
          size: true,
          quality: true,
          separateFolders: true,
          poolResets: true,
        },
      });
      if (!job || job.status !== "RUNNING") return "stopped";
      if (Date.now() > sliceEnd) return "slice";
      const item = await claimItem(jobId);
      if (!item) return "empty";
      const outcome = await processItem(job, item, sliceEnd);
      if (outcome !== "done") return outcome;
    }
  };
  const ends = await Promise.all(Array.from({ length: getEnv().GENERATION_CONCURRENCY }, lane));
  // Stopped, paused or finished under us: whoever moved it owns what comes next.
  if (ends.includes("stopped")) return ends.every((e) => e === "stopped") ? "skipped" : "success";
  if (ends.includes("slice")) {
    await enqueueGeneration(jobId);
    return "success";
  }
  if (ends.includes("paused") || ends.includes("deferred") || ends.includes("released")) return "success";
  if (await finishIfDone(jobId)) return "success";
  // An image is still held by a worker thought alive (its lease runs): look again once it may have expired.
  await enqueueGeneration(jobId, Math.max(1, generationLeaseSeconds() / 4));
  return "success";
}
