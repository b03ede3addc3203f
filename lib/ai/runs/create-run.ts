import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { acquireKey, hasConfiguredKeys } from "@/lib/ai/keys/key-pool";
import { isVisionField, type AiField } from "@/lib/ai/fields";
import { LOCAL_ANALYSER_MODEL } from "@/lib/ai/local/analyze-locally";
import { batchApiSupported } from "@/lib/ai/provider/batch-api";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { getEnv } from "@/lib/config/env";
import { getPrisma, Prisma } from "@/lib/db/client";
import { filterSelectionSql } from "@/lib/images/bulk/apply-chunk";
import { selectionIds } from "@/lib/images/bulk/start-bulk-action";
import type { BulkSelection } from "@/lib/images/bulk/schemas";
import { enqueueRun } from "./enqueue-run";
import { estimateRun } from "./estimate-run";
import type { AiRunEngine, AiRunEstimate, AiRunInput } from "./schemas";

/** The selection as one WHERE body over `i` (ids: through the primary key; a filter: the catalog's own conditions). */
function selectionSql(selection: BulkSelection): Prisma.Sql {
  if ("imageIds" in selection) return Prisma.sql`i."id" = ANY(${selectionIds(selection)}::uuid[])`;
  return filterSelectionSql(selection.filter);
}

/** Selected photos, counted up to AI_RUN_MAX_IMAGES + 1 (a bounded scan); beyond the cap, AI_RUN_TOO_LARGE. */
async function countSelection(where: Prisma.Sql): Promise<{ total: number; ready: number }> {
  const max = getEnv().AI_RUN_MAX_IMAGES;
  const [row] = await getPrisma().$queryRaw<{ total: number; ready: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE s."processingStatus" = 'READY')::int AS ready
    FROM (SELECT i."processingStatus" FROM "Image" i WHERE ${where} LIMIT ${max + 1}) s`;
  const counts = row ?? { total: 0, ready: 0 };
  if (counts.total > max)
    throw new ApiError("AI_RUN_TOO_LARGE", `Seleção grande demais para uma análise: no máximo ${max} fotos por vez.`, {
      max,
    });
  if (counts.total === 0) throw new ApiError("BAD_REQUEST", "Nenhuma foto na seleção.", { code: "EMPTY_SELECTION" });
  return counts;
}

/**
 * The engine: the vision model when a vision key is configured, else the local analyser. Economy
 * mode needs the model and a server with the Batch API (asked once per server with a pool key).
 */
async function chooseEngine(mode: AiRunInput["mode"], fields: readonly AiField[]): Promise<AiRunEngine> {
  const engine: AiRunEngine = (await hasConfiguredKeys("vision")) ? "model" : "local";
  if (mode !== "batch") return engine;
  assertBatchFields(fields);
  if (engine === "local")
    throw new ApiError(
      "AI_BATCH_UNSUPPORTED",
      "O modo econômico precisa de uma chave de IA configurada: sem chave, a análise é local e imediata.",
    );
  const lease = await acquireKey({ capability: "vision", estimatedTokens: 0 });
  if (lease.kind === "key" && !(await batchApiSupported(providerTargetFromEnv(lease.key.apiKey)).catch(() => true)))
    throw new ApiError(
      "AI_BATCH_UNSUPPORTED",
      "O servidor de IA configurado não tem a Batch API (modo econômico); use a análise imediata.",
    );
  return engine;
}

/** The Batch API carries the vision requests only: the text on the photo and the content run at once. */
function assertBatchFields(fields: readonly AiField[]): void {
  if (fields.some((field) => !isVisionField(field)))
    throw new ApiError(
      "AI_BATCH_UNSUPPORTED",
      "O modo econômico faz só a análise visual: desmarque Texto na foto e Conteúdo, ou use a análise imediata.",
    );
}

function runModel(engine: AiRunEngine): string {
  return engine === "local" ? LOCAL_ANALYSER_MODEL : getEnv().OPENAI_MODEL;
}

/** POST /api/v1/ai/runs/estimate: what the modal shows before the start (no side effects). */
export async function estimateAiRun(
  input: AiRunInput,
): Promise<{ total: number; estimate: AiRunEstimate; engine: AiRunEngine; model: string }> {
  if (input.mode === "batch") assertBatchFields(input.fields);
  const counts = await countSelection(selectionSql(input.selection));
  const engine: AiRunEngine = (await hasConfiguredKeys("vision")) ? "model" : "local";
  const estimate = await estimateRun({
    total: counts.ready,
    engine,
    mode: input.mode,
    model: runModel(engine),
    fields: input.fields,
  });
  return { total: counts.total, estimate, engine, model: runModel(engine) };
}

/**
 * POST /api/v1/ai/runs: a run over the selection. Its items are materialised at once with one
 * INSERT … SELECT (the selection may change later; the run keeps the photos it was started on);
 * photos not processed yet (not READY) are SKIPPED items with the reason. Audited, then queued.
 */
export async function createAiRun(
  actor: SessionUser,
  input: AiRunInput,
): Promise<{ id: string; total: number; estimate: AiRunEstimate }> {
  const where = selectionSql(input.selection);
  const counts = await countSelection(where);
  const engine = await chooseEngine(input.mode, input.fields);
  const model = runModel(engine);
  const estimate = await estimateRun({ total: counts.ready, engine, mode: input.mode, model, fields: input.fields });
  const prisma = getPrisma();
  const run = await prisma.$transaction(
    async (tx) => {
      const created = await tx.aiRun.create({
        data: {
          createdById: actor.id,
          status: "QUEUED",
          mode: input.mode,
          engine,
          fields: input.fields,
          overwriteManual: input.overwriteManual,
          selection: input.selection as Prisma.InputJsonObject,
          model,
          detail: getEnv().AI_DETAIL,
          estimate: estimate as unknown as Prisma.InputJsonObject,
        },
        select: { id: true },
      });
      const [tally] = await tx.$queryRaw<{ total: number; skipped: number }[]>`
      WITH inserted AS (
        INSERT INTO "AiRunItem" ("id", "runId", "imageId", "status", "errorCode", "error", "finishedAt", "updatedAt")
        SELECT uuidv7(), ${created.id}::uuid, s."id",
          CASE WHEN s."processingStatus" = 'READY' THEN 'PENDING' ELSE 'SKIPPED' END::"AiRunItemStatus",
          CASE WHEN s."processingStatus" = 'READY' THEN NULL ELSE 'AI_IMAGE_NOT_READY' END,
          CASE WHEN s."processingStatus" = 'READY' THEN NULL
               ELSE 'A foto ainda não foi processada (ou falhou no processamento): análise ignorada.' END,
          CASE WHEN s."processingStatus" = 'READY' THEN NULL ELSE now() END,
          now()
        FROM (SELECT i."id", i."processingStatus" FROM "Image" i WHERE ${where} ORDER BY i."id" LIMIT ${getEnv().AI_RUN_MAX_IMAGES}) s
        RETURNING "status"
      )
      SELECT count(*)::int AS total, count(*) FILTER (WHERE "status" = 'SKIPPED')::int AS skipped FROM inserted`;
      await tx.aiRun.update({
        where: { id: created.id },
        data: { total: tally?.total ?? 0, skipped: tally?.skipped ?? 0 },
      });
      await recordAudit(
        {
          userId: actor.id,
          action: "AI_RUN_STARTED",
          entityType: "AiRun",
          entityId: created.id,
          data: {
            fields: input.fields,
            mode: input.mode,
            engine,
            overwriteManual: input.overwriteManual,
            total: tally?.total ?? 0,
            selection: input.selection as Prisma.InputJsonObject,
          },
        },
        tx,
      );
      return { id: created.id, total: tally?.total ?? 0 };
    },
    // Up to AI_RUN_MAX_IMAGES items are written here (2,000 took 18 s on a busy 2-core host),
    // past Prisma's 5 s default.
    { timeout: 120_000, maxWait: 10_000 },
  );
  await enqueueRun(run.id);
  return { ...run, estimate };
}

/** POST /api/v1/images/{id}/analyze: the card's quick AI button, a run of one photo. */
export async function analyzeImage(
  actor: SessionUser,
  imageId: string,
  input: { fields: AiRunInput["fields"]; overwriteManual: boolean },
): Promise<{ runId: string }> {
  const exists = await getPrisma().image.findUnique({ where: { id: imageId }, select: { id: true } });
  if (!exists) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const run = await createAiRun(actor, { selection: { imageIds: [imageId] }, mode: "now", ...input });
  return { runId: run.id };
}
