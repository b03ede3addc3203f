import { decryptSecret } from "@/lib/ai/keys/encryption";
import { envKeysFromEnv } from "@/lib/ai/keys/sync-env-keys";
import { getPrisma } from "@/lib/db/client";

/**
 * The secret of one pool key by id, for economy mode: a provider batch lives in the account of the
 * key that submitted it, so it is polled and downloaded with that same key (not a fresh lease).
 * Null when the key is gone, disabled, invalid or not readable by this process.
 */
export async function batchKeySecret(keyId: string): Promise<string | null> {
  const row = await getPrisma().aiProviderKey.findUnique({
    where: { id: keyId },
    select: { source: true, status: true, encryptedKey: true, keyVersion: true, fingerprint: true },
  });
  if (!row || row.status !== "ACTIVE") return null;
  if (row.source === "env") return envKeysFromEnv().find((k) => k.fingerprint === row.fingerprint)?.secret ?? null;
  if (!row.encryptedKey) return null;
  try {
    return decryptSecret({ encryptedKey: row.encryptedKey, keyVersion: row.keyVersion });
  } catch {
    return null;
  }
}
