import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma } from "@/lib/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { ensureQueue } from "@/lib/jobs/ensure-queue";
import type { ImageFilter } from "../schemas";
import { applyChunk, applyChunks, BULK_CHUNK_SIZE, filterSelectionSql } from "./apply-chunk";
import { bulkActionJob } from "./bulk-action-job";
import { bulkOperation, type BulkActionParams } from "./bulk-operation";
import { BULK_MAX_IDS, type BulkActionInput, type BulkSelection } from "./schemas";

/** A filter selection up to this many photos runs in the request; a bigger one is a job. */
export const BULK_INLINE_MAX = 5_000;

export type BulkOutcome = { kind: "done"; changed: number; skipped: number } | { kind: "queued"; runId: string };

export type BulkOptions = {
  inlineMax?: number;
  chunkSize?: number;
  enqueue?: (runId: string) => Promise<void>;
};

async function enqueueBulkJob(runId: string): Promise<void> {
  await ensureQueue(bulkActionJob);
  await sendJob(bulkActionJob.name, { runId }, { singletonKey: runId });
}

/** Unique ids of an id selection, refused with a code when empty or over BULK_MAX_IDS. */
export function selectionIds(selection: Extract<BulkSelection, { imageIds: string[] }>): string[] {
  const ids = [...new Set(selection.imageIds)];
  if (ids.length === 0) throw new ApiError("BAD_REQUEST", "Selecione ao menos uma foto.", { code: "EMPTY_SELECTION" });
  if (ids.length > BULK_MAX_IDS)
    throw new ApiError(
      "BAD_REQUEST",
      `No máximo ${BULK_MAX_IDS} fotos por seleção; para mais, selecione pelo filtro.`,
      { code: "SELECTION_TOO_LARGE", max: BULK_MAX_IDS },
    );
  return ids;
}

/** The action's stored parameters; a SKU is resolved to its product here (404 when unknown). */
async function resolveParams(input: BulkActionInput): Promise<BulkActionParams> {
  switch (input.action) {
    case "setStatus":
      return { action: "setStatus", status: input.status };
    case "linkSku": {
      const product = await getPrisma().product.findUnique({
        where: { sku: input.sku },
        select: { id: true, sku: true },
      });
      if (!product)
        throw new ApiError("NOT_FOUND", "Produto não encontrado.", { code: "SKU_NOT_FOUND", sku: input.sku });
      return { action: "linkSku", productId: product.id, sku: product.sku };
    }
    default:
      return { action: input.action };
  }
}

/**
 * POST /api/v1/images/bulk. An id selection (≤ BULK_MAX_IDS) is one chunk, in the request. A filter
 * selection is counted up to `inlineMax + 1` rows (a bounded scan, never a count of the whole table):
 * up to `inlineMax` it runs here in chunks; beyond, a BulkImageAction run row and a job walk it.
 */
export async function startBulkAction(
  actor: SessionUser,
  input: BulkActionInput,
  options: BulkOptions = {},
): Promise<BulkOutcome> {
  const inlineMax = options.inlineMax ?? BULK_INLINE_MAX;
  const chunkSize = options.chunkSize ?? BULK_CHUNK_SIZE;
  const ids = "imageIds" in input.selection ? selectionIds(input.selection) : null;
  const params = await resolveParams(input);
  const operation = bulkOperation(params, actor.id);
  const prisma = getPrisma();

  if (ids) {
    const result = await applyChunk(prisma, {
      operation,
      actorId: actor.id,
      selection: Prisma.sql`i."id" = ANY(${ids}::uuid[])`,
      afterId: null,
      limit: ids.length,
      runId: null,
    });
    // Ids that name no photo are skipped too: nothing of theirs changed.
    return { kind: "done", changed: result.changed, skipped: ids.length - result.changed };
  }

  const filter = (input.selection as { filter: ImageFilter }).filter;
  const selection = filterSelectionSql(filter);
  const [{ n }] = await prisma.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Image" i WHERE ${selection} LIMIT ${inlineMax + 1}) s`;
  if (n <= inlineMax) {
    const totals = await applyChunks(prisma, {
      operation,
      actorId: actor.id,
      selection,
      afterId: null,
      chunkSize,
      runId: null,
    });
    return { kind: "done", ...totals };
  }

  const { action, ...rest } = params;
  const run = await prisma.bulkImageAction.create({
    data: { action, params: rest, filter: filter as Prisma.InputJsonObject, userId: actor.id },
  });
  await recordAudit({
    userId: actor.id,
    action: "BULK_IMAGE_ACTION_STARTED",
    entityType: "BulkImageAction",
    entityId: run.id,
    data: { action, params: rest, filter: filter as Prisma.InputJsonObject, atLeast: n },
  });
  await (options.enqueue ?? enqueueBulkJob)(run.id);
  return { kind: "queued", runId: run.id };
}
