import "server-only";
import type { AiField } from "@/lib/ai/fields";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma } from "@/lib/db/client";
import type {
  AiRunDetail,
  AiRunEngine,
  AiRunEstimate,
  AiRunItemView,
  AiRunMode,
  AiRunSummary,
  aiRunItemsQuerySchema,
  aiRunListQuerySchema,
} from "./schemas";
import type { z } from "zod";

/** The rate of the last minutes is read from items finished in this window. */
const RATE_WINDOW_MINUTES = 5;
const ACTIVE_STATUSES = new Set(["QUEUED", "RUNNING", "PAUSED"]);

const runSelect = {
  id: true,
  status: true,
  mode: true,
  engine: true,
  fields: true,
  overwriteManual: true,
  model: true,
  total: true,
  succeeded: true,
  failed: true,
  skipped: true,
  cancelled: true,
  costUsd: true,
  tokensIn: true,
  tokensOut: true,
  estimate: true,
  pauseReason: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  createdById: true,
} satisfies Prisma.AiRunSelect;

type RunRow = Prisma.AiRunGetPayload<{ select: typeof runSelect }>;

function presentEstimate(raw: unknown): AiRunEstimate {
  const e = (raw && typeof raw === "object" ? raw : {}) as Partial<AiRunEstimate>;
  return {
    costUsd: e.costUsd ?? 0,
    seconds: e.seconds ?? 0,
    ratePerMinute: e.ratePerMinute ?? 0,
    perImageTokens: e.perImageTokens ?? { tokensIn: 0, tokensOut: 0 },
  };
}

type Creator = { name: string | null; email: string };

/** The runs' creators by id (AiRun keeps the id only: a deleted user leaves its runs). */
async function creatorsOf(runs: RunRow[]): Promise<Map<string, Creator>> {
  const ids = [...new Set(runs.map((r) => r.createdById).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await getPrisma().user.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true },
  });
  return new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
}

function presentRun({ createdById, ...run }: RunRow, creators: Map<string, Creator>): AiRunSummary {
  const done = run.succeeded + run.failed + run.skipped + run.cancelled;
  return {
    ...run,
    createdBy: createdById ? (creators.get(createdById) ?? null) : null,
    status: run.status,
    mode: run.mode as AiRunMode,
    engine: run.engine as AiRunEngine,
    fields: run.fields as AiField[],
    pending: Math.max(0, run.total - done),
    estimate: presentEstimate(run.estimate),
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** GET /api/v1/ai/runs: newest first, keyset by id (time-ordered UUIDv7). */
export async function listAiRuns(query: z.infer<typeof aiRunListQuerySchema>) {
  const rows = await getPrisma().aiRun.findMany({
    where: query.cursor ? { id: { lt: query.cursor } } : {},
    orderBy: { id: "desc" },
    take: query.limit + 1,
    select: runSelect,
  });
  const page = rows.slice(0, query.limit);
  const creators = await creatorsOf(page);
  return {
    items: page.map((run) => presentRun(run, creators)),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** GET /api/v1/ai/runs/{id}: the summary with progress, the rate of the last minutes and the ETA. */
export async function getAiRunOrThrow(id: string): Promise<AiRunDetail> {
  const prisma = getPrisma();
  const run = await prisma.aiRun.findUnique({ where: { id }, select: runSelect });
  if (!run) throw new ApiError("NOT_FOUND", "Análise não encontrada.");
  const summary = presentRun(run, await creatorsOf([run]));
  const [rate] = await prisma.$queryRaw<{ n: number; first: Date | null }[]>`
    SELECT count(*)::int AS n, min("finishedAt") AS first FROM "AiRunItem"
    WHERE "runId" = ${id}::uuid AND "status" IN ('SUCCEEDED', 'FAILED')
      AND "finishedAt" > now() - make_interval(mins => ${RATE_WINDOW_MINUTES})`;
  const spanMinutes = rate?.first ? Math.max((Date.now() - rate.first.getTime()) / 60_000, 1 / 60) : 0;
  const imagesPerMinute = rate && rate.n > 0 && spanMinutes > 0 ? Math.round((rate.n / spanMinutes) * 10) / 10 : null;
  const isDone = !ACTIVE_STATUSES.has(run.status);
  const finished = summary.total - summary.pending;
  return {
    ...summary,
    percent: summary.total > 0 ? Math.round((finished / summary.total) * 1000) / 10 : 100,
    imagesPerMinute,
    etaSeconds:
      !isDone && imagesPerMinute && imagesPerMinute > 0 ? Math.ceil((summary.pending / imagesPerMinute) * 60) : null,
    isDone,
  };
}

/** How often a client should poll an active run (X-Polling-Interval, seconds). */
export const RUN_POLL_SECONDS = 2;

/** GET /api/v1/ai/runs/{id}/items: the per-photo log in id order, optionally one status. */
export async function listAiRunItems(
  runId: string,
  query: z.infer<typeof aiRunItemsQuerySchema>,
): Promise<{ items: AiRunItemView[]; nextCursor: string | null }> {
  const prisma = getPrisma();
  const run = await prisma.aiRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new ApiError("NOT_FOUND", "Análise não encontrada.");
  const rows = await prisma.aiRunItem.findMany({
    where: {
      runId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { id: { gt: query.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit + 1,
    select: {
      id: true,
      imageId: true,
      status: true,
      attempts: true,
      errorCode: true,
      error: true,
      warnings: true,
      durationMs: true,
      costUsd: true,
      finishedAt: true,
      image: { select: { originalName: true, thumbnailKey: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(({ image, finishedAt, ...item }) => ({
      ...item,
      fileName: image.originalName,
      thumbnailUrl: image.thumbnailKey ? `/api/v1/images/${item.imageId}/thumbnail` : null,
      finishedAt: finishedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
