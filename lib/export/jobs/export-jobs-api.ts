import "server-only";
import { Readable } from "node:stream";
import { ApiError } from "@/lib/api/errors";
import { hasRole, type SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma } from "@/lib/db/client";
import { getStorage } from "@/lib/storage/get-storage";
import { exportableBatchOrThrow } from "../batch-export";
import { parseExportFormat } from "../formats";
import { existingBatchesOrThrow } from "./export-job-source";
import { sendExportJob } from "./maintain-export-jobs";
import type { ExportJob, ExportJobRequest } from "./schemas";

/** How often a page polls a job (X-Polling-Interval, seconds): while it runs, and once it ended. */
export const EXPORT_JOB_POLL_SECONDS = { active: 2, finished: 60 } as const;

const JOB_SELECT = {
  id: true,
  kind: true,
  format: true,
  status: true,
  userId: true,
  rows: true,
  totalRows: true,
  bytes: true,
  errorCode: true,
  createdAt: true,
  finishedAt: true,
  expiresAt: true,
} satisfies Prisma.ExportRecordSelect;
type JobRecord = Prisma.ExportRecordGetPayload<{ select: typeof JOB_SELECT }>;
/** Records of export jobs (a streamed export has no stored request). */
const IS_JOB = { params: { not: Prisma.DbNull } } satisfies Prisma.ExportRecordWhereInput;

function jobView(record: JobRecord, now = new Date()): ExportJob {
  const isExpired =
    record.status === "EXPIRED" || (record.status === "DONE" && !!record.expiresAt && record.expiresAt <= now);
  const status = isExpired ? "EXPIRED" : (record.status as ExportJob["status"]);
  const progress =
    status === "DONE"
      ? 100
      : record.totalRows === null
        ? null
        : record.totalRows === 0
          ? 0
          : Math.min(99, Math.floor((record.rows / record.totalRows) * 100));
  return {
    id: record.id,
    kind: record.kind as ExportJob["kind"],
    format: record.format,
    status,
    user_id: record.userId,
    rows: record.rows,
    total_rows: record.totalRows,
    progress,
    bytes: Number(record.bytes),
    error_code: record.errorCode,
    created_at: record.createdAt.toISOString(),
    finished_at: record.finishedAt?.toISOString() ?? null,
    expires_at: record.expiresAt?.toISOString() ?? null,
    download_url: status === "DONE" ? `/api/v1/export/jobs/${record.id}/download` : null,
  };
}

/**
 * POST /api/v1/export/jobs: checks the request now (format, batches that exist — the same refusals
 * as the streamed routes, before anything is queued), records the job QUEUED with its request and
 * sends it to the workers.
 */
export async function createExportJob(actor: SessionUser, request: ExportJobRequest): Promise<ExportJob> {
  const format = parseExportFormat(request.format);
  if (request.kind === "batch") await exportableBatchOrThrow(request.batch_id);
  if (request.kind === "batches") await existingBatchesOrThrow(request.batch_ids);
  const record = await getPrisma().exportRecord.create({
    data: {
      kind: request.kind,
      format,
      userId: actor.id,
      status: "QUEUED",
      params: { ...request, format } as Prisma.InputJsonObject,
    },
    select: JOB_SELECT,
  });
  await sendExportJob(record.id);
  return jobView(record);
}

/** GET /api/v1/export/jobs: the asker's jobs, newest first (an ADMIN sees everyone's). */
export async function listExportJobs(actor: SessionUser, limit = 50): Promise<{ items: ExportJob[] }> {
  const records = await getPrisma().exportRecord.findMany({
    where: { ...IS_JOB, ...(hasRole(actor.role, "ADMIN") ? {} : { userId: actor.id }) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: JOB_SELECT,
  });
  return { items: records.map((r) => jobView(r)) };
}

/** A job the actor may see (theirs, or any for an ADMIN); another user's is a 404, as one that does not exist. */
async function ownJobOrThrow(actor: SessionUser, id: string) {
  const record = await getPrisma().exportRecord.findFirst({
    where: { id, ...IS_JOB, ...(hasRole(actor.role, "ADMIN") ? {} : { userId: actor.id }) },
    select: { ...JOB_SELECT, storageKey: true },
  });
  if (!record) throw new ApiError("NOT_FOUND", "Exportação não encontrada.");
  return record;
}

/** GET /api/v1/export/jobs/{id}: status and progress, with how soon to ask again. */
export async function getExportJob(actor: SessionUser, id: string): Promise<{ job: ExportJob; pollSeconds: number }> {
  const job = jobView(await ownJobOrThrow(actor, id));
  const isActive = job.status === "QUEUED" || job.status === "RUNNING";
  return { job, pollSeconds: isActive ? EXPORT_JOB_POLL_SECONDS.active : EXPORT_JOB_POLL_SECONDS.finished };
}

/**
 * GET /api/v1/export/jobs/{id}/download: the finished file from blob storage, streamed. Not
 * finished is 409 EXPORT_JOB_NOT_READY (details.status); past its expiry (or its blob gone) 410
 * EXPORT_JOB_EXPIRED.
 */
export async function downloadExportJob(actor: SessionUser, id: string): Promise<Response> {
  const record = await ownJobOrThrow(actor, id);
  const job = jobView(record);
  const expired = () => new ApiError("EXPORT_JOB_EXPIRED", "O arquivo desta exportação expirou e foi apagado.");
  if (job.status === "EXPIRED") throw expired();
  if (job.status !== "DONE" || !record.storageKey)
    throw new ApiError("EXPORT_JOB_NOT_READY", `A exportação ainda não está pronta (situação: ${job.status}).`, {
      status: job.status,
    });
  const blob = await getStorage().get(record.storageKey);
  if (!blob) throw expired();
  const extension = record.storageKey.slice(record.storageKey.lastIndexOf(".") + 1);
  const date = record.createdAt.toISOString().slice(0, 10);
  return new Response(Readable.toWeb(blob.body) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": blob.contentType,
      "Content-Length": String(blob.size),
      "Content-Disposition": `attachment; filename="exportacao-${record.kind}-${date}.${extension}"`,
      "Cache-Control": "no-store",
    },
  });
}
