import { describe, expect, it } from "vitest";
import { masterFor, openWith, sealWith, SecretDecryptError } from "@/lib/ai/keys/encryption";
import { scrubSecrets } from "@/lib/ai/keys/scrub";
import { parseEnvKeys } from "@/lib/ai/keys/sync-env-keys";

const K1 = { secret: "primeira-chave-mestra-0123456789abcdef", version: 1 };
const K2 = { secret: "segunda-chave-mestra-0123456789abcdefgh", version: 2 };
const SECRET = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789wxyz";

describe("AES-256-GCM sealing of provider keys", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = sealWith(K1, SECRET);
    expect(sealed.keyVersion).toBe(1);
    expect(sealed.encryptedKey).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed.encryptedKey).not.toContain("wxyz");
    expect(openWith(K1, sealed)).toBe(SECRET);
  });

  it("uses a fresh 12-byte IV each time", () => {
    const a = sealWith(K1, SECRET).encryptedKey.split(":");
    const b = sealWith(K1, SECRET).encryptedKey.split(":");
    expect(Buffer.from(a[1]!, "base64")).toHaveLength(12);
    expect(Buffer.from(a[2]!, "base64")).toHaveLength(16);
    expect(a[1]).not.toBe(b[1]);
    expect(a[3]).not.toBe(b[3]);
  });

  it("refuses a tampered ciphertext or tag", () => {
    const sealed = sealWith(K1, SECRET);
    const [format, iv, tag, ct] = sealed.encryptedKey.split(":") as [string, string, string, string];
    const flipped = Buffer.from(ct, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      openWith(K1, { ...sealed, encryptedKey: [format, iv, tag, flipped.toString("base64")].join(":") }),
    ).toThrow(SecretDecryptError);
    const badTag = Buffer.from(tag, "base64");
    badTag[3] = badTag[3]! ^ 0x80;
    expect(() =>
      openWith(K1, { ...sealed, encryptedKey: [format, iv, badTag.toString("base64"), ct].join(":") }),
    ).toThrow(SecretDecryptError);
    expect(() => openWith(K1, { ...sealed, encryptedKey: `v2:${iv}:${tag}:${ct}` })).toThrow(/Formato/);
  });

  it("refuses a wrong master key, and a row whose keyVersion was changed", () => {
    const sealed = sealWith(K1, SECRET);
    expect(() => openWith({ ...K2, version: 1 }, sealed)).toThrow(SecretDecryptError);
    // The version is authenticated data: the same master key under another version number fails.
    expect(() => openWith({ ...K1, version: 2 }, { ...sealed, keyVersion: 2 })).toThrow(SecretDecryptError);
  });

  it("picks the master key by the row's version, previous included", () => {
    const keys = { current: K2, previous: K1 };
    expect(masterFor(keys, 2)).toBe(K2);
    expect(masterFor(keys, 1)).toBe(K1);
    expect(() => masterFor({ current: K2 }, 1)).toThrow(/versão 1/);
    expect(openWith(masterFor(keys, 1), sealWith(K1, SECRET))).toBe(SECRET);
  });
});

describe("environment keys and scrubbing", () => {
  it("reads OPENAI_API_KEY then OPENAI_API_KEYS (comma or whitespace), without duplicates", () => {
    const keys = parseEnvKeys({
      OPENAI_API_KEY: "sk-one-1111",
      OPENAI_API_KEYS: "sk-two-2222, sk-one-1111\n sk-three-3333",
    });
    expect(keys.map((k) => [k.label, k.keyLast4])).toEqual([
      ["OPENAI_API_KEY #1", "1111"],
      ["OPENAI_API_KEY #2", "2222"],
      ["OPENAI_API_KEY #3", "3333"],
    ]);
    expect(keys[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(parseEnvKeys({})).toEqual([]);
  });

  it("removes anything key-like from an error text", () => {
    const text = scrubSecrets(
      `Incorrect API key provided: ${SECRET}. Authorization: Bearer abc.def and sk-short1234 and raw-key`,
      ["raw-key"],
    );
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("wxyz");
    expect(text).not.toContain("abc.def");
    expect(text).not.toContain("sk-short1234");
    expect(text).not.toContain("raw-key");
    expect(text).toContain("Incorrect API key provided");
  });
});
