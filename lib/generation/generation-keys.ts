import type { AiCallError } from "@/lib/ai/errors";
import { DEFAULT_COOLDOWN_MS } from "@/lib/ai/keys/key-pool";
import { maskKey } from "@/lib/ai/keys/encryption";
import { scrubSecrets } from "@/lib/ai/keys/scrub";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";

/**
 * The generation side of the AI key pool (keys tagged with the "image" capability). Leasing and
 * pacing are the pool's own (`acquireKey({capability: "image"})`, which reads the generation
 * columns below); this module writes them: on 401/403 (and 429 insufficient_quota) the key is
 * invalid for generation with the reason, on 429 it cools down for Retry-After, and each result
 * counts in the key's generation stats. A job's pool reset (seed 003) clears the invalid reasons.
 */
const log = getLogger("AI");
const LAST_ERROR_MAX = 500;

export async function reportGenerationSuccess(keyId: string, costUsd: number): Promise<void> {
  await getPrisma().$executeRaw`
    UPDATE "AiProviderKey" SET "generationSuccessCount" = "generationSuccessCount" + 1,
      "generationImages" = "generationImages" + 1, "generationCostUsd" = "generationCostUsd" + ${costUsd}::float8,
      "lastUsedAt" = now(), "updatedAt" = now()
    WHERE "id" = ${keyId}::uuid`;
}

/** Counts an error on the key; returns the reason when the key is now out of the generation pool. */
export async function reportGenerationFailure(
  key: { id: string; label: string; apiKey: string },
  error: AiCallError,
): Promise<string | null> {
  const invalidReason =
    error.kind === "auth"
      ? error.details.status === 403
        ? "403: acesso negado para esta chave"
        : "401: chave inválida ou revogada"
      : error.kind === "quota"
        ? "429: cota esgotada (insufficient_quota)"
        : null;
  const cooldownMs =
    error.kind === "rate_limit" ? Math.max(0, error.details.retryAfterMs ?? DEFAULT_COOLDOWN_MS) : null;
  const lastError = scrubSecrets(`${error.details.status ? `${error.details.status}: ` : ""}${error.message}`, [
    key.apiKey,
  ]).slice(0, LAST_ERROR_MAX);
  await getPrisma().$executeRaw`
    UPDATE "AiProviderKey" SET "generationErrorCount" = "generationErrorCount" + 1,
      "generationLastError" = ${lastError}, "generationLastErrorAt" = now(),
      "generationInvalidReason" = COALESCE(${invalidReason}::text, "generationInvalidReason"),
      "generationCooldownUntil" = CASE WHEN ${cooldownMs}::int IS NULL THEN "generationCooldownUntil"
        ELSE GREATEST(COALESCE("generationCooldownUntil", now()), now() + make_interval(secs => ${cooldownMs}::int / 1000.0)) END,
      "updatedAt" = now()
    WHERE "id" = ${key.id}::uuid`;
  if (invalidReason)
    log.warn(
      { action: "GENERATION_KEY_INVALIDATED", keyId: key.id, kind: error.kind },
      `Chave ${key.label} fora da geração de imagens`,
    );
  return invalidReason;
}

/** Seed 003: when every key failed, the pool is reset once and every key tried again. */
export async function resetGenerationPool(): Promise<number> {
  const reset = await getPrisma().$executeRaw`
    UPDATE "AiProviderKey" SET "generationInvalidReason" = NULL, "updatedAt" = now()
    WHERE 'image' = ANY("capabilities") AND "generationInvalidReason" IS NOT NULL`;
  log.warn({ action: "GENERATION_POOL_RESET", keys: reset }, "Pool de chaves de geração reiniciado");
  return reset;
}

export type GenerationKeyStats = {
  id: string;
  label: string;
  maskedKey: string;
  status: "ACTIVE" | "DISABLED" | "INVALID";
  invalidReason: string | null;
  cooldownUntil: string | null;
  successes: number;
  errors: number;
  lastError: string | null;
  lastErrorAt: string | null;
  images: number;
  costUsd: number;
};

/** Per-key generation stats (never the secret: only its last four characters). */
export async function listGenerationKeyStats(): Promise<GenerationKeyStats[]> {
  const rows = await getPrisma().aiProviderKey.findMany({
    where: { capabilities: { has: "image" } },
    orderBy: { createdAt: "asc" },
  });
  const now = Date.now();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    maskedKey: maskKey(row.keyLast4),
    status: row.status === "ACTIVE" && row.generationInvalidReason ? "INVALID" : row.status,
    invalidReason: row.generationInvalidReason ?? row.invalidReason,
    cooldownUntil:
      row.generationCooldownUntil && row.generationCooldownUntil.getTime() > now
        ? row.generationCooldownUntil.toISOString()
        : null,
    successes: row.generationSuccessCount,
    errors: row.generationErrorCount,
    lastError: row.generationLastError,
    lastErrorAt: row.generationLastErrorAt?.toISOString() ?? null,
    images: row.generationImages,
    costUsd: row.generationCostUsd,
  }));
}
