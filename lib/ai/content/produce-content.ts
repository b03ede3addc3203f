import { AiCallError } from "@/lib/ai/errors";
import { reportKeyFailure, reportKeySuccess } from "@/lib/ai/keys/key-pool";
import { providerTargetFromEnv } from "@/lib/ai/provider/config";
import { imageDataUrlForModel, OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { atProvider } from "@/lib/ai/runs/ingest-priority";
import { leaseKeyWaitingBriefly } from "@/lib/ai/runs/lease-key";
import { recordAiCall } from "@/lib/ai/runs/run-items";
import { getEnv } from "@/lib/config/env";
import { getPrisma, type ContentOrigin, type Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { brandFewShotExamples, getBrandContentSettings } from "./brand-content-settings";
import { estimateContentTokens } from "./estimate-content";
import { callContentModel, type ContentCallResult } from "./content-call";
import type { ContentOwner, OwnerSource } from "./content-source";
import type { ContentContext } from "./content-prompt";
import type { ContentFields } from "./schemas";
import { insertVersion, lockOwner, readVersionFields } from "./write-version";

const log = getLogger("AI");

/** A key refused (401/403/quota) is out of the pool; the request tries the next one, this many keys at most. */
const MAX_KEYS_PER_REQUEST = 3;

export type ProduceOutcome =
  | { kind: "ok"; version: number; result: ContentCallResult; keyId: string }
  | { kind: "kept_manual" }
  | { kind: "no_key"; reason: string }
  | { kind: "wait"; retryInMs: number; reason: string }
  | { kind: "original_missing"; message: string }
  | { kind: "failed"; error: AiCallError; keyId: string | null; model: string };

export type ProduceOptions = {
  /** What the person asked to change; with a current version it is a refinement of it. */
  feedback: string | null;
  actorId: string | null;
  /** "GENERATED" (or REFINED when there is a current version and feedback), or "BULK" for a run. */
  origin: "GENERATED" | "BULK";
  runId?: string | null;
  /** Bulk: a current version that is a person's edit is kept unless this is set. */
  overwriteManual?: boolean;
  /** Called inside the transaction that writes the version (a run records its step done there). */
  onWritten?: (tx: Prisma.TransactionClient, result: ContentCallResult, keyId: string) => Promise<void>;
};

/**
 * Writes a new content version of a photo or a product with the model: its photos (one, or up to
 * four angles in sequence order) as model-size JPEGs, the carteira and vision facts, the brand's
 * tone, length and few-shot examples, the current version and the feedback when refining. A key of
 * the pool (capability "content") is leased and reported like a vision call; every call is an
 * AiCall (purpose "content"). Any failure — no key, a refusal, an empty description, a timeout —
 * writes no version: the previous one stays current.
 */
export async function produceContent(
  owner: ContentOwner,
  source: OwnerSource,
  options: ProduceOptions,
): Promise<ProduceOutcome> {
  const env = getEnv();
  const head = await getPrisma().$transaction((tx) => lockOwner(tx, owner));
  if (options.origin === "BULK" && head?.isManual && !options.overwriteManual) return { kind: "kept_manual" };
  const current =
    head?.currentVersion != null ? await readVersionFields(getPrisma(), owner, head.currentVersion) : null;
  const refining = options.feedback !== null && current !== null;
  const settings = await getBrandContentSettings(source.brandId);
  const context: ContentContext = {
    ...source.facts,
    tone: settings.tone,
    length: settings.length,
    language: "pt-BR",
    current: refining ? current : null,
    feedback: options.feedback,
    examples: await brandFewShotExamples(source.brandId, settings.examplesClearedAt),
  };

  let images: string[];
  try {
    images = await Promise.all(source.photos.map((p) => imageDataUrlForModel(p.storageKey, env.AI_IMAGE_LONG_SIDE)));
  } catch (error) {
    if (!(error instanceof OriginalMissingError)) throw error;
    return { kind: "original_missing", message: error.message };
  }
  const estimate = estimateContentTokens(images.length);
  const estimatedTokens = estimate.tokensIn + estimate.tokensOut;

  for (let keys = 0; ; keys++) {
    const lease = await leaseKeyWaitingBriefly({ capability: "content", estimatedTokens });
    if (lease.kind === "none") return { kind: "no_key", reason: lease.reason };
    if (lease.kind === "wait") return { kind: "wait", retryInMs: lease.retryInMs, reason: lease.reason };
    const target = providerTargetFromEnv(lease.key.apiKey);
    const started = Date.now();
    const callBase = {
      keyId: lease.key.id,
      runId: options.runId ?? null,
      imageId: owner.kind === "image" ? owner.id : null,
      purpose: "content" as const,
    };
    let result: ContentCallResult;
    try {
      result = await atProvider(() => callContentModel(target, images, context));
    } catch (error) {
      if (!(error instanceof AiCallError)) throw error;
      await reportKeyFailure(lease, error);
      await recordAiCall({
        ...callBase,
        model: target.model,
        ok: false,
        errorKind: error.kind,
        httpStatus: error.details.status ?? null,
        durationMs: error.details.durationMs ?? Date.now() - started,
      });
      if ((error.kind === "auth" || error.kind === "quota") && keys + 1 < MAX_KEYS_PER_REQUEST) continue;
      log.warn(
        { action: "CONTENT_FAILED", owner: owner.kind, ownerId: owner.id, kind: error.kind },
        "Conteúdo não gerado",
      );
      return { kind: "failed", error, keyId: lease.key.id, model: target.model };
    }
    await reportKeySuccess(lease, {
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      costUsd: result.costUsd,
      rateLimit: result.rateLimit,
    });
    await recordAiCall({
      ...callBase,
      model: result.model,
      ok: true,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      durationMs: result.durationMs,
      costUsd: result.costUsd,
    });
    const origin: ContentOrigin = options.origin === "BULK" ? "BULK" : refining ? "REFINED" : "GENERATED";
    const version = await writeProduced(owner, result.fields, {
      origin,
      feedback: options.feedback,
      basedOnVersion: refining ? head!.currentVersion : null,
      actorId: options.actorId,
      runId: options.runId ?? null,
      result,
      overwriteManual: options.origin !== "BULK" || options.overwriteManual === true,
      onWritten: options.onWritten ? (tx) => options.onWritten!(tx, result, lease.key.id) : undefined,
    });
    if (version === null) return { kind: "kept_manual" };
    return { kind: "ok", version, result, keyId: lease.key.id };
  }
}

/** The version, written with the owner locked; null when a person's edit arrived meanwhile and must be kept. */
async function writeProduced(
  owner: ContentOwner,
  fields: ContentFields,
  meta: {
    origin: ContentOrigin;
    feedback: string | null;
    basedOnVersion: number | null;
    actorId: string | null;
    runId: string | null;
    result: ContentCallResult;
    overwriteManual: boolean;
    onWritten?: (tx: Prisma.TransactionClient) => Promise<void>;
  },
): Promise<number | null> {
  return getPrisma().$transaction(async (tx) => {
    const locked = await lockOwner(tx, owner);
    if (!locked) return null;
    if (locked.isManual && !meta.overwriteManual) return null;
    const version = await insertVersion(tx, owner, locked.brandId, fields, {
      origin: meta.origin,
      feedback: meta.feedback,
      basedOnVersion: meta.basedOnVersion,
      createdById: meta.actorId,
      runId: meta.runId,
      model: meta.result.model,
      tokensIn: meta.result.tokensIn,
      tokensOut: meta.result.tokensOut,
      costUsd: meta.result.costUsd,
      durationMs: meta.result.durationMs,
    });
    await meta.onWritten?.(tx);
    return version;
  });
}
