import type { RateLimitHeaders } from "@/lib/ai/provider/types";
import type { AiCallError, AiErrorKind } from "@/lib/ai/errors";
import { getEnv } from "@/lib/config/env";
import { getPrisma, Prisma, type PrismaClient } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { decryptSecret } from "./encryption";
import { scrubSecrets } from "./scrub";
import { envKeysFromEnv, syncEnvKeys, type EnvKey } from "./sync-env-keys";

/**
 * The key pool: which provider key a call uses, and when.
 *
 * - Candidates: keys with the capability that this process can read (a database key it can
 *   decrypt, an environment key present in its environment), status ACTIVE, not cooling down
 *   (`cooldownUntil`, set by a 429's Retry-After or by `x-ratelimit-remaining-* = 0`).
 * - Rotation: the least recently leased candidate with budget wins (`lastUsedAt` is stamped at
 *   lease), so consecutive calls spread over the keys.
 * - Pacing, shared by every process through PostgreSQL: requests and tokens per key per minute
 *   (the key's own limits, else AI_REQUESTS_PER_MINUTE / AI_TOKENS_PER_MINUTE), counted in the
 *   `RateLimit` table the API and login limiters use (rows `ai_key_r:<id>:<bucket>` and
 *   `ai_key_t:<id>:<bucket>`), in 1-second buckets. A lease is granted only if the buckets that
 *   touch the last 60 s — the current one and the 60 before it, i.e. 60–61 s — leave room: a
 *   sliding window that never lets more than the limit through in ANY 60-second span (a fixed
 *   window lets up to twice the limit through across a boundary, which is how a provider's own
 *   rolling limit answers 429), at the price of up to 1/61 of the rate when demand is above it.
 *   (5-second buckets cost 1/13: `npm run bench:ai` measured the run capped near 0.92 of the
 *   limit, idle ~5 s whenever the oldest bucket had to leave the window.)
 *   Within the minute, requests on a key are spaced 60 s ÷ rpm apart on average (AI_REQUEST_BURST at once):
 *   providers enforce a minute's limit over seconds, so an allowed burst would still get 429s.
 *   Estimated tokens are charged at lease and corrected by the real usage in reportKeySuccess.
 * - Atomicity: a lease runs in one transaction that locks the capability's key rows (FOR UPDATE,
 *   in id order, so concurrent acquirers queue instead of both seeing the same free budget), reads
 *   the buckets and charges them. Reports are single UPDATE statements with increments.
 */
export type LeasedKey = { id: string; label: string; apiKey: string };
export type KeyLease =
  | { kind: "key"; key: LeasedKey; estimatedTokens: number }
  | { kind: "wait"; retryInMs: number; reason: string }
  | { kind: "none"; code: "NO_KEYS" | "ALL_KEYS_UNUSABLE"; reason: string };
export type Capability = "vision" | "content" | "image";
type KeyLeaseKey = Extract<KeyLease, { kind: "key" }>;

export const BUCKET_MS = 1_000;
export const WINDOW_BUCKETS = 60; // + the current one: 60–61 s
/** A 429 without Retry-After nor x-ratelimit-reset-*: cool the key this long. */
export const DEFAULT_COOLDOWN_MS = 20_000;
const LAST_ERROR_MAX = 500;
const CLEANUP_EVERY_MS = 10 * 60_000;

const log = getLogger("AI");

export type KeyPoolDeps = {
  prisma: () => PrismaClient;
  /** The clock (ms since epoch): every instant the pool stores or compares comes from it. */
  now: () => number;
  envKeys: () => EnvKey[];
  /** `burst`: requests a key may start at once before the spacing applies (AI_REQUEST_BURST). */
  limits: () => { requestsPerMinute: number; tokensPerMinute: number; burst: number };
  decrypt: (row: { encryptedKey: string; keyVersion: number }) => string;
};

type KeyRow = {
  id: string;
  source: string;
  label: string;
  encryptedKey: string | null;
  keyVersion: number;
  fingerprint: string;
  status: "ACTIVE" | "DISABLED" | "INVALID";
  invalidReason: string | null;
  cooldownMs: number | null;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  lastUsedMs: number | null;
};

type Usable = KeyRow & { apiKey: string | null; unusable: string | null };

const STATUS_PT: Record<KeyRow["status"], string> = { ACTIVE: "ativa", DISABLED: "desativada", INVALID: "inválida" };

const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS);
const reqKey = (id: string, bucket: number) => `ai_key_r:${id}:${bucket}`;
const tokKey = (id: string, bucket: number) => `ai_key_t:${id}:${bucket}`;
/** The key's theoretical arrival time (`expire`) of the spacing (GCRA): requests start 60 s ÷ rpm apart, `burst` at once. */
const spacingKey = (id: string) => `ai_key_s:${id}`;
/** A bucket's rows are no use once it left every window: kept a minute longer, then cleaned up. */
const bucketExpiryMs = (bucket: number) => (bucket + WINDOW_BUCKETS + 1) * BUCKET_MS + 60_000;
const sqlTime = (ms: number) => new Date(ms).toISOString();

export function createKeyPool(overrides: Partial<KeyPoolDeps> = {}) {
  const deps: KeyPoolDeps = {
    prisma: getPrisma,
    now: Date.now,
    envKeys: envKeysFromEnv,
    limits: () => {
      const env = getEnv();
      return {
        requestsPerMinute: env.AI_REQUESTS_PER_MINUTE,
        tokensPerMinute: env.AI_TOKENS_PER_MINUTE,
        burst: env.AI_REQUEST_BURST,
      };
    },
    decrypt: decryptSecret,
    ...overrides,
  };
  /** Which bucket each lease charged (the lease object stays in this process): its tokens are corrected there. */
  const chargedBucket = new WeakMap<object, number>();
  let syncedEnv: string | null = null;
  let lastCleanup = 0;

  async function ensureEnvSynced(): Promise<Map<string, EnvKey>> {
    const keys = deps.envKeys();
    const signature = keys.map((k) => `${k.fingerprint}:${k.label}`).join(",");
    if (signature !== syncedEnv) {
      await syncEnvKeys(deps.prisma(), keys);
      syncedEnv = signature;
    }
    return new Map(keys.map((k) => [k.fingerprint, k]));
  }

  /** The rows of a capability this process can use, with the secret (or why not). */
  function resolve(rows: KeyRow[], env: Map<string, EnvKey>): Usable[] {
    const present: Usable[] = [];
    for (const row of rows) {
      if (row.source === "env") {
        const key = env.get(row.fingerprint);
        if (key) present.push({ ...row, apiKey: key.secret, unusable: null });
        continue;
      }
      if (!row.encryptedKey) continue;
      try {
        present.push({
          ...row,
          apiKey: deps.decrypt({ encryptedKey: row.encryptedKey, keyVersion: row.keyVersion }),
          unusable: null,
        });
      } catch {
        log.warn(
          { action: "AI_KEY_UNDECRYPTABLE", keyId: row.id, keyVersion: row.keyVersion },
          "Chave de IA não decifrável",
        );
        present.push({ ...row, apiKey: null, unusable: "não decifrável com a ENCRYPTION_KEY atual" });
      }
    }
    return present;
  }

  function unusableReason(keys: Usable[]): string {
    const parts = keys.map((k) => {
      if (k.unusable) return `${k.label} (${k.unusable})`;
      if (k.status === "INVALID") return `${k.label} (inválida${k.invalidReason ? `: ${k.invalidReason}` : ""})`;
      return `${k.label} (${STATUS_PT[k.status]})`;
    });
    return `Nenhuma chave de IA utilizável: ${parts.join("; ")}. Um administrador pode reativá-las ou adicionar outra em Configurações.`;
  }

  async function selectRows(db: Pick<PrismaClient, "$queryRaw">, capability: Capability, lock: boolean) {
    // Image generation (lib/generation) keeps its own invalid reason and cooldown on the key: a key
    // the Images API refused is out of the generation pool only, and a generation job may reset them.
    const isImage = capability === "image";
    const columns = Prisma.sql`"id", "source", "label", "encryptedKey", "keyVersion", "fingerprint",
      (CASE WHEN ${isImage} AND "generationInvalidReason" IS NOT NULL AND "status" = 'ACTIVE' THEN 'INVALID' ELSE "status"::text END) AS "status",
      (CASE WHEN ${isImage} THEN COALESCE("generationInvalidReason", "invalidReason") ELSE "invalidReason" END) AS "invalidReason",
      (extract(epoch FROM (CASE WHEN ${isImage} THEN "generationCooldownUntil" ELSE "cooldownUntil" END)) * 1000)::float8 AS "cooldownMs",
      "requestsPerMinute", "tokensPerMinute", (extract(epoch FROM "lastUsedAt") * 1000)::float8 AS "lastUsedMs"`;
    const rows = lock
      ? await db.$queryRaw<KeyRow[]>`
          SELECT ${columns} FROM "AiProviderKey" WHERE ${capability} = ANY("capabilities") ORDER BY "id" FOR UPDATE`
      : await db.$queryRaw<KeyRow[]>`
          SELECT ${columns} FROM "AiProviderKey" WHERE ${capability} = ANY("capabilities") ORDER BY "id"`;
    return rows;
  }

  async function acquireKey(opts: { capability: Capability; estimatedTokens: number }): Promise<KeyLease> {
    const env = await ensureEnvSynced();
    const estimated = Math.max(0, Math.ceil(opts.estimatedTokens));
    const defaults = deps.limits();
    maybeCleanUp();
    return deps.prisma().$transaction(
      async (tx) => {
        const now = deps.now();
        const present = resolve(await selectRows(tx, opts.capability, true), env);
        if (present.length === 0)
          return {
            kind: "none",
            code: "NO_KEYS",
            reason: "Nenhuma chave de IA configurada. Adicione uma em Configurações ou defina OPENAI_API_KEY.",
          } as const;
        const active = present.filter((k) => k.status === "ACTIVE" && k.apiKey !== null);
        if (active.length === 0)
          return { kind: "none", code: "ALL_KEYS_UNUSABLE", reason: unusableReason(present) } as const;

        const current = bucketOf(now);
        const buckets = Array.from({ length: WINDOW_BUCKETS + 1 }, (_, i) => current - WINDOW_BUCKETS + i);
        const ready = active.filter((k) => k.cooldownMs === null || k.cooldownMs <= now);
        const usage = new Map<string, number>();
        const nextFreeMs = new Map<string, number>();
        if (ready.length > 0) {
          const names = ready.flatMap((k) => [
            spacingKey(k.id),
            ...buckets.flatMap((b) => [reqKey(k.id, b), tokKey(k.id, b)]),
          ]);
          const rows = await tx.$queryRaw<{ key: string; points: number; expireMs: number | null }[]>`
            SELECT "key", "points", (extract(epoch FROM "expire") * 1000)::float8 AS "expireMs"
            FROM "RateLimit" WHERE "key" = ANY(${names}::text[])`;
          for (const row of rows) {
            if (row.key.startsWith("ai_key_s:")) nextFreeMs.set(row.key, row.expireMs ?? 0);
            else usage.set(row.key, row.points);
          }
        }
        const sums = (k: Usable) => ({
          requests: buckets.map((b) => usage.get(reqKey(k.id, b)) ?? 0),
          tokens: buckets.map((b) => usage.get(tokKey(k.id, b)) ?? 0),
        });
        const limitsOf = (k: Usable) => ({
          rpm: k.requestsPerMinute ?? defaults.requestsPerMinute,
          tpm: k.tokensPerMinute ?? defaults.tokensPerMinute,
        });
        const fits = (requests: number, tokens: number, k: Usable) => {
          const { rpm, tpm } = limitsOf(k);
          // A request estimated above the whole minute's budget still goes once the window is empty.
          return requests + 1 <= rpm && (tokens + estimated <= tpm || tokens <= 0);
        };

        const byLru = [...ready].sort(
          (a, b) => (a.lastUsedMs ?? -1) - (b.lastUsedMs ?? -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
        // Spacing (on top of the minute window): a provider enforces its per-minute limit over
        // much shorter periods (OpenAI: 600/min can mean 10 in any second), so a burst the minute
        // allows still gets 429s. A generic cell rate algorithm: each lease moves the key's
        // theoretical arrival time (TAT) 60 s ÷ rpm on; a lease may start while the TAT is at most
        // burst − ½ intervals ahead of now. The half interval of tolerance lets a request that went
        // late (a timer, a database round trip) be made up by the next one, half an interval
        // early at most, instead of every delay adding up: with none, bench:ai measured the gaps
        // at 107 ms p50 for a 100 ms interval (0.93 of the limit). Over any span the average
        // stays at the limit (GCRA never lends more than its tolerance), and the minute window
        // above still caps every 60 s.
        const intervalOf = (k: Usable) => 60_000 / Math.max(1, limitsOf(k).rpm);
        const spacedUntil = (k: Usable) =>
          (nextFreeMs.get(spacingKey(k.id)) ?? 0) - (Math.max(1, defaults.burst) - 0.5) * intervalOf(k);
        for (const key of byLru) {
          const { requests, tokens } = sums(key);
          if (spacedUntil(key) > now || !fits(sum(requests), sum(tokens), key)) continue;
          const expire = sqlTime(bucketExpiryMs(current));
          const arrival = sqlTime(Math.max(now, nextFreeMs.get(spacingKey(key.id)) ?? 0) + intervalOf(key));
          await tx.$executeRaw`
            INSERT INTO "RateLimit" ("key", "points", "expire")
            VALUES (${spacingKey(key.id)}, 0, ${arrival}::timestamptz AT TIME ZONE 'UTC')
            ON CONFLICT ("key") DO UPDATE SET "expire" = EXCLUDED."expire"`;
          await tx.$executeRaw`
            INSERT INTO "RateLimit" ("key", "points", "expire")
            VALUES (${reqKey(key.id, current)}, 1, ${expire}::timestamptz AT TIME ZONE 'UTC'),
                   (${tokKey(key.id, current)}, ${estimated}, ${expire}::timestamptz AT TIME ZONE 'UTC')
            ON CONFLICT ("key") DO UPDATE SET "points" = "RateLimit"."points" + EXCLUDED."points"`;
          await tx.$executeRaw`
            UPDATE "AiProviderKey" SET "lastUsedAt" = ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC' WHERE "id" = ${key.id}::uuid`;
          const lease: KeyLeaseKey = {
            kind: "key",
            key: { id: key.id, label: key.label, apiKey: key.apiKey! },
            estimatedTokens: estimated,
          };
          chargedBucket.set(lease, current);
          return lease;
        }

        // Every active key is cooling down or at its budget: when does the first one free up?
        let retryAt = Number.POSITIVE_INFINITY;
        for (const key of active) {
          if (key.cooldownMs !== null && key.cooldownMs > now) {
            retryAt = Math.min(retryAt, key.cooldownMs);
            continue;
          }
          const { requests, tokens } = sums(key);
          if (spacedUntil(key) > now && fits(sum(requests), sum(tokens), key)) {
            retryAt = Math.min(retryAt, spacedUntil(key));
            continue;
          }
          let freedRequests = 0;
          let freedTokens = 0;
          for (let i = 0; i < buckets.length; i++) {
            freedRequests += requests[i]!;
            freedTokens += tokens[i]!;
            if (fits(sum(requests) - freedRequests, sum(tokens) - freedTokens, key)) {
              // Bucket i leaves the window when the current bucket is i + WINDOW_BUCKETS + 1.
              retryAt = Math.min(retryAt, (buckets[i]! + WINDOW_BUCKETS + 1) * BUCKET_MS);
              break;
            }
          }
        }
        const retryInMs = Number.isFinite(retryAt) ? Math.max(1, Math.ceil(retryAt - now)) : BUCKET_MS;
        return {
          kind: "wait",
          retryInMs,
          reason: `Todas as chaves de IA estão em espera (limite por minuto ou Retry-After do provedor); a próxima fica livre em ${Math.ceil(retryInMs / 1000)} s.`,
        } as const;
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
  }

  async function correctTokens(lease: KeyLeaseKey, delta: number): Promise<void> {
    if (delta === 0) return;
    const current = bucketOf(deps.now());
    const bucket = chargedBucket.get(lease) ?? current;
    // A bucket already out of the window counts for nothing any more (and may be cleaned up).
    if (bucket < current - WINDOW_BUCKETS) return;
    const expire = sqlTime(bucketExpiryMs(bucket));
    await deps.prisma().$executeRaw`
      INSERT INTO "RateLimit" ("key", "points", "expire")
      VALUES (${tokKey(lease.key.id, bucket)}, ${delta}, ${expire}::timestamptz AT TIME ZONE 'UTC')
      ON CONFLICT ("key") DO UPDATE SET "points" = "RateLimit"."points" + EXCLUDED."points"`;
  }

  async function reportKeySuccess(
    lease: KeyLeaseKey,
    usage: { tokensIn: number; tokensOut: number; costUsd: number; rateLimit: RateLimitHeaders | null },
  ): Promise<void> {
    const now = deps.now();
    const tokensIn = Math.max(0, Math.round(usage.tokensIn));
    const tokensOut = Math.max(0, Math.round(usage.tokensOut));
    await correctTokens(lease, tokensIn + tokensOut - lease.estimatedTokens);
    // x-ratelimit-remaining-* = 0: nothing more on this key until that window resets.
    const rl = usage.rateLimit;
    let until: number | null = null;
    if (rl?.remainingRequests === 0) until = now + (rl.resetRequestsMs ?? DEFAULT_COOLDOWN_MS);
    if (rl?.remainingTokens === 0) until = Math.max(until ?? 0, now + (rl.resetTokensMs ?? DEFAULT_COOLDOWN_MS));
    const untilSql = until === null ? null : sqlTime(until);
    await deps.prisma().$executeRaw`
      UPDATE "AiProviderKey" SET
        "successCount" = "successCount" + 1,
        "tokensIn" = "tokensIn" + ${tokensIn}::bigint,
        "tokensOut" = "tokensOut" + ${tokensOut}::bigint,
        "costUsd" = "costUsd" + ${Number.isFinite(usage.costUsd) ? usage.costUsd : 0}::float8,
        "lastUsedAt" = GREATEST(COALESCE("lastUsedAt", ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'), ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC'),
        "cooldownUntil" = CASE WHEN ${untilSql}::timestamptz IS NULL THEN "cooldownUntil"
          ELSE GREATEST(COALESCE("cooldownUntil", ${untilSql}::timestamptz AT TIME ZONE 'UTC'), ${untilSql}::timestamptz AT TIME ZONE 'UTC') END,
        "updatedAt" = now()
      WHERE "id" = ${lease.key.id}::uuid`;
  }

  async function reportKeyFailure(lease: KeyLeaseKey, error: AiCallError): Promise<void> {
    const now = deps.now();
    const kind: AiErrorKind = error.kind;
    // Requests refused before any model work consumed no tokens: give the estimate back.
    if (kind === "auth" || kind === "quota" || kind === "rate_limit" || kind === "bad_request" || kind === "network")
      await correctTokens(lease, -lease.estimatedTokens);
    const invalidReason =
      kind === "auth"
        ? error.details.status === 403
          ? "403: acesso negado para esta chave"
          : "401: chave inválida ou revogada"
        : kind === "quota"
          ? "429: cota esgotada (insufficient_quota): verifique o faturamento da conta"
          : null;
    const cooldown =
      kind === "rate_limit" ? sqlTime(now + Math.max(0, error.details.retryAfterMs ?? DEFAULT_COOLDOWN_MS)) : null;
    const lastError = scrubSecrets(`${error.details.status ? `${error.details.status}: ` : ""}${error.message}`, [
      lease.key.apiKey,
    ]).slice(0, LAST_ERROR_MAX);
    await deps.prisma().$executeRaw`
      UPDATE "AiProviderKey" SET
        "errorCount" = "errorCount" + 1,
        "errorsByKind" = jsonb_set(COALESCE("errorsByKind", '{}'::jsonb), ARRAY[${kind}::text],
          to_jsonb(COALESCE(("errorsByKind" ->> ${kind}::text)::int, 0) + 1)),
        "lastError" = ${lastError},
        "lastErrorAt" = ${sqlTime(now)}::timestamptz AT TIME ZONE 'UTC',
        "status" = CASE WHEN ${invalidReason}::text IS NOT NULL AND "status" = 'ACTIVE' THEN 'INVALID'::"AiKeyStatus" ELSE "status" END,
        "invalidReason" = CASE WHEN ${invalidReason}::text IS NOT NULL AND "status" = 'ACTIVE' THEN ${invalidReason}::text ELSE "invalidReason" END,
        "cooldownUntil" = CASE WHEN ${cooldown}::timestamptz IS NULL THEN "cooldownUntil"
          ELSE GREATEST(COALESCE("cooldownUntil", ${cooldown}::timestamptz AT TIME ZONE 'UTC'), ${cooldown}::timestamptz AT TIME ZONE 'UTC') END,
        "updatedAt" = now()
      WHERE "id" = ${lease.key.id}::uuid`;
    if (invalidReason)
      log.warn(
        { action: "AI_KEY_INVALIDATED", keyId: lease.key.id, kind },
        `Chave de IA ${lease.key.label} marcada como inválida`,
      );
  }

  async function hasConfiguredKeys(capability: Capability): Promise<boolean> {
    const env = await ensureEnvSynced();
    const present = resolve(await selectRows(deps.prisma(), capability, false), env);
    return present.some((k) => k.status === "ACTIVE" && k.apiKey !== null);
  }

  /** Buckets out of every window stay as rows: drop them now and then (never on the lease's path), by the pool's clock. */
  function maybeCleanUp(): void {
    const now = deps.now();
    if (Math.abs(now - lastCleanup) < CLEANUP_EVERY_MS) return;
    lastCleanup = now;
    const cutoff = sqlTime(now - 5 * 60_000);
    void deps.prisma()
      .$executeRaw`DELETE FROM "RateLimit" WHERE "key" LIKE 'ai\\_key\\_%' AND "expire" < ${cutoff}::timestamptz AT TIME ZONE 'UTC'`.catch(
      () => undefined,
    );
  }

  return { acquireKey, reportKeySuccess, reportKeyFailure, hasConfiguredKeys };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export type KeyPool = ReturnType<typeof createKeyPool>;
let defaultPool: KeyPool | undefined;
const pool = () => (defaultPool ??= createKeyPool());

export async function acquireKey(opts: { capability: Capability; estimatedTokens: number }): Promise<KeyLease> {
  return pool().acquireKey(opts);
}

export async function reportKeySuccess(
  lease: KeyLeaseKey,
  usage: { tokensIn: number; tokensOut: number; costUsd: number; rateLimit: RateLimitHeaders | null },
): Promise<void> {
  return pool().reportKeySuccess(lease, usage);
}

export async function reportKeyFailure(lease: KeyLeaseKey, error: AiCallError): Promise<void> {
  return pool().reportKeyFailure(lease, error);
}

export async function hasConfiguredKeys(capability: Capability): Promise<boolean> {
  return pool().hasConfiguredKeys(capability);
}
