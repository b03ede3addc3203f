import crypto from "node:crypto";
import { getEnv } from "@/lib/config/env";
import { loadOrCreateLocalSecrets } from "@/lib/db/data-dir";

/**
 * AI provider keys at rest: AES-256-GCM (node:crypto) with a random 12-byte IV per seal and the
 * 16-byte auth tag, stored as `v1:<iv b64>:<tag b64>:<ciphertext b64>` ("v1" is this format).
 * The row's `keyVersion` names the master key that sealed it and is bound to the ciphertext as
 * additional authenticated data, so a row whose version is edited no longer decrypts.
 *
 * The 256-bit AES key is derived from the master secret (ENCRYPTION_KEY, ≥ 32 characters; the
 * generated one is 32 random bytes) with HKDF-SHA256 and a fixed salt and info. HKDF, not scrypt:
 * the input is already a high-entropy secret, not a password to stretch, so a slow KDF buys nothing
 * and HKDF is the standard extractor for "make an AES key from this secret"; the fixed info
 * separates this use from any other use of the same secret. The salt is fixed (not random per
 * install) because every process must derive the same key from the same ENCRYPTION_KEY with nothing
 * else stored.
 *
 * Rotation: set ENCRYPTION_KEY to the new secret, ENCRYPTION_KEY_PREVIOUS to the old one and bump
 * ENCRYPTION_KEY_VERSION; rows still at the old version decrypt with the previous key until
 * `npm run ai:rotate-key` re-seals them (lib/ai/keys/rotate-keys.ts).
 */
const FORMAT = "v1";
const SALT = Buffer.from("vitrine.ai-provider-keys.salt.v1");
const INFO = Buffer.from("vitrine:ai-provider-keys:aes-256-gcm");
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type MasterKey = { secret: string; version: number };
export type MasterKeys = { current: MasterKey; previous?: MasterKey };

export class SecretDecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptError";
  }
}

const derived = new Map<string, Buffer>();

function aesKey(secret: string): Buffer {
  let key = derived.get(secret);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), SALT, INFO, 32));
    derived.set(secret, key);
  }
  return key;
}

const aad = (version: number) => Buffer.from(`vitrine-ai-key:k${version}`);

export function sealWith(master: MasterKey, plain: string): { encryptedKey: string; keyVersion: number } {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", aesKey(master.secret), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(master.version));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return {
    encryptedKey: [FORMAT, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":"),
    keyVersion: master.version,
  };
}

export function openWith(master: MasterKey, row: { encryptedKey: string; keyVersion: number }): string {
  const parts = row.encryptedKey.split(":");
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new SecretDecryptError("Formato de chave cifrada desconhecido.");
  const [, ivB64, tagB64, ctB64] = parts as [string, string, string, string];
  const iv = Buffer.from(ivB64, "base64");
  const tag = Buffer.from(tagB64, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptError("Chave cifrada corrompida.");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", aesKey(master.secret), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(row.keyVersion));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctB64, "base64")), decipher.final()]).toString("utf8");
  } catch {
    // GCM refuses a changed ciphertext, tag, version or a different master key alike.
    throw new SecretDecryptError(
      `Não foi possível decifrar a chave (versão ${row.keyVersion} da chave mestra não confere ou dado alterado).`,
    );
  }
}

/** The master key that sealed a row, by its version. */
export function masterFor(keys: MasterKeys, version: number): MasterKey {
  if (keys.current.version === version) return keys.current;
  if (keys.previous && keys.previous.version === version) return keys.previous;
  throw new SecretDecryptError(
    `A chave mestra da versão ${version} não está configurada (ENCRYPTION_KEY_VERSION=${keys.current.version}${keys.previous ? `, anterior ${keys.previous.version}` : ""}).`,
  );
}

/** The configured master keys: ENCRYPTION_KEY (or the generated local secret) and ENCRYPTION_KEY_PREVIOUS. */
let localSecret: { dataDir: string; secret: string } | undefined;

export function masterKeysFromEnv(): MasterKeys {
  const env = getEnv();
  // process.env too: the worker sets ENCRYPTION_KEY from the local secrets after reading its env.
  const secret = env.ENCRYPTION_KEY ?? (process.env.ENCRYPTION_KEY?.trim() || localEncryptionKey(env.dataDir));
  const version = env.ENCRYPTION_KEY_VERSION;
  return {
    current: { secret, version },
    ...(env.ENCRYPTION_KEY_PREVIOUS && version > 1
      ? { previous: { secret: env.ENCRYPTION_KEY_PREVIOUS, version: version - 1 } }
      : {}),
  };
}

/** The key generated into the data directory when ENCRYPTION_KEY is unset (read once per process). */
function localEncryptionKey(dataDir: string): string {
  if (localSecret?.dataDir !== dataDir)
    localSecret = { dataDir, secret: loadOrCreateLocalSecrets(dataDir).encryptionKey };
  return localSecret.secret;
}

export function encryptSecret(plain: string): { encryptedKey: string; keyVersion: number } {
  return sealWith(masterKeysFromEnv().current, plain);
}

export function decryptSecret(row: { encryptedKey: string; keyVersion: number }): string {
  const keys = masterKeysFromEnv();
  return openWith(masterFor(keys, row.keyVersion), row);
}

/** SHA-256 (hex) of a secret: finds a key again without decrypting it, and refuses duplicates. */
export function fingerprintOf(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** `sk-…abcd`: the only form of a key that leaves the server. */
export function maskKey(keyLast4: string): string {
  return `sk-…${keyLast4}`;
}
