import "server-only";
import { estimateContentTokens } from "@/lib/ai/content/estimate-content";
import { visionFieldsOf, type AiField } from "@/lib/ai/fields";
import { costUsd, estimateVisionTokens } from "@/lib/ai/provider/pricing";
import { estimateTextReadingTokens } from "@/lib/ai/text/model-reading/text-reading-call";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { getAppSettings } from "@/lib/settings/app-settings";
import type { AiRunEngine, AiRunEstimate, AiRunMode } from "./schemas";

/** Provider calls of the last minutes that the measured rate is read from, and how many make a measure. */
const RATE_WINDOW_MINUTES = 10;
const MIN_CALLS_FOR_RATE = 5;
/** Before any call was measured: a vision call is assumed to take this long. */
const ASSUMED_CALL_MS = 4_000;
/** The local analyser names colours already computed at ingest: a few ms a photo, bounded by the writes. */
const LOCAL_RATE_PER_MINUTE = 1_200;
/** The Batch API answers within its 24 h completion window (usually much sooner). */
const BATCH_WINDOW_SECONDS = 24 * 60 * 60;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The modal's estimate before a run starts: tokens per photo from the configured detail and image
 * size (lib/ai/provider/pricing.ts) times the model's prices (half in batch mode), and the time from
 * the measured rate — the throughput of the recent successful vision calls — or, before any, what
 * the configuration allows: each usable key's requests/minute, capped by what this process's
 * AI_WORKER_CONCURRENCY parallel calls can do at the measured (or assumed) call latency.
 */
export async function estimateRun(input: {
  total: number;
  engine: AiRunEngine;
  mode: AiRunMode;
  model: string;
  fields: readonly AiField[];
}): Promise<AiRunEstimate> {
  const env = getEnv();
  // The vision and content steps are model calls (priced and paced); the text on the photo too when
  // the vision model reads it (setting photoTextReader), else it is read locally.
  const withVision = visionFieldsOf(input.fields).length > 0;
  const withContent = input.fields.includes("conteudo");
  const withModelText =
    input.engine === "model" && input.fields.includes("texto") && (await getAppSettings()).photoTextReader === "model";
  if (input.engine === "local" || (!withVision && !withContent && !withModelText)) {
    return {
      costUsd: 0,
      seconds: round((input.total / LOCAL_RATE_PER_MINUTE) * 60, 1),
      ratePerMinute: LOCAL_RATE_PER_MINUTE,
      perImageTokens: { tokensIn: 0, tokensOut: 0 },
    };
  }
  const vision = withVision
    ? estimateVisionTokens(env.AI_DETAIL, env.AI_IMAGE_LONG_SIDE, input.model)
    : { tokensIn: 0, tokensOut: 0 };
  const content = withContent ? estimateContentTokens(1) : { tokensIn: 0, tokensOut: 0 };
  const text = withModelText ? estimateTextReadingTokens() : { tokensIn: 0, tokensOut: 0 };
  const perImage = {
    tokensIn: vision.tokensIn + content.tokensIn + text.tokensIn,
    tokensOut: vision.tokensOut + content.tokensOut + text.tokensOut,
  };
  const cost =
    input.total * costUsd(input.model, perImage.tokensIn, perImage.tokensOut, { batch: input.mode === "batch" });
  // Photos per minute: the measured request rate shared by the calls each photo makes.
  const callsPerPhoto = (withVision ? 1 : 0) + (withContent ? 1 : 0) + (withModelText ? 1 : 0);
  const ratePerMinute = (await expectedRatePerMinute()) / callsPerPhoto;
  const seconds =
    input.mode === "batch" ? BATCH_WINDOW_SECONDS : ratePerMinute > 0 ? (input.total / ratePerMinute) * 60 : 0;
  return {
    costUsd: round(cost, 6),
    seconds: round(seconds, 1),
    ratePerMinute: round(ratePerMinute, 1),
    perImageTokens: perImage,
  };
}

async function expectedRatePerMinute(): Promise<number> {
  const env = getEnv();
  const prisma = getPrisma();
  const [measured] = await prisma.$queryRaw<{ n: number; spanMs: number | null; avgMs: number | null }[]>`
    SELECT count(*)::int AS n,
           (EXTRACT(EPOCH FROM (max("createdAt") - min("createdAt"))) * 1000)::float8 AS "spanMs",
           avg("durationMs")::float8 AS "avgMs"
    FROM "AiCall"
    WHERE "purpose" = 'vision' AND "ok" AND "createdAt" > now() - make_interval(mins => ${RATE_WINDOW_MINUTES})`;
  const avgMs = measured?.avgMs && measured.avgMs > 0 ? measured.avgMs : ASSUMED_CALL_MS;
  const concurrencyCap = (env.AI_WORKER_CONCURRENCY * 60_000) / avgMs;
  if (measured && measured.n >= MIN_CALLS_FOR_RATE && measured.spanMs && measured.spanMs > 0)
    return Math.min((measured.n - 1) / (measured.spanMs / 60_000), concurrencyCap);
  const keys = await prisma.aiProviderKey.findMany({
    where: { status: "ACTIVE", capabilities: { has: "vision" } },
    select: { requestsPerMinute: true },
  });
  const configured = (keys.length > 0 ? keys : [{ requestsPerMinute: null }]).reduce(
    (sum, key) => sum + (key.requestsPerMinute ?? env.AI_REQUESTS_PER_MINUTE),
    0,
  );
  return Math.min(configured, concurrencyCap);
}
