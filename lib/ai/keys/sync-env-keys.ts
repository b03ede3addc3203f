import { getEnv } from "@/lib/config/env";
import type { PrismaClient } from "@/lib/db/client";
import { fingerprintOf } from "./encryption";

/**
 * Keys from OPENAI_API_KEY and OPENAI_API_KEYS (comma or whitespace separated) join the pool as
 * read-only rows (source "env", no encryptedKey): the row carries the label, fingerprint, last 4,
 * status and stats; the secret is read from this process's environment when the key is leased.
 * A row whose key is no longer in the environment is ignored by this process (another process
 * may still have it), never deleted: its stats stay.
 */
export type EnvKey = { secret: string; fingerprint: string; label: string; keyLast4: string };

export function parseEnvKeys(source: { OPENAI_API_KEY?: string; OPENAI_API_KEYS?: string }): EnvKey[] {
  const raw = [source.OPENAI_API_KEY ?? "", ...(source.OPENAI_API_KEYS ?? "").split(/[\s,]+/)]
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  const seen = new Set<string>();
  const keys: EnvKey[] = [];
  for (const secret of raw) {
    const fingerprint = fingerprintOf(secret);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    keys.push({ secret, fingerprint, label: `OPENAI_API_KEY #${keys.length + 1}`, keyLast4: secret.slice(-4) });
  }
  return keys;
}

export function envKeysFromEnv(): EnvKey[] {
  const env = getEnv();
  return parseEnvKeys({ OPENAI_API_KEY: env.OPENAI_API_KEY, OPENAI_API_KEYS: env.OPENAI_API_KEYS });
}

/**
 * Upserts a row per environment key (by fingerprint; a key an admin already added to the database
 * stays that row). Idempotent: one statement per key, safe when several processes start at once.
 */
export async function syncEnvKeys(prisma: PrismaClient, keys: EnvKey[]): Promise<void> {
  for (const key of keys) {
    await prisma.$executeRaw`
      INSERT INTO "AiProviderKey" ("id", "source", "label", "fingerprint", "keyLast4", "updatedAt")
      VALUES (gen_random_uuid(), 'env', ${key.label}, ${key.fingerprint}, ${key.keyLast4}, now())
      ON CONFLICT ("fingerprint") DO UPDATE SET "label" = EXCLUDED."label", "updatedAt" = now()
      WHERE "AiProviderKey"."source" = 'env' AND "AiProviderKey"."label" <> EXCLUDED."label"`;
  }
}
