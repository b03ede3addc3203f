import { randomUUID } from "node:crypto";
import { StorageError } from "./types";

export const MAX_KEY_LENGTH = 512;

export const STORAGE_KEY_KINDS = ["originals", "thumbnails", "imports", "exports"] as const;
export type StorageKeyKind = (typeof STORAGE_KEY_KINDS)[number];

// A deliberately small alphabet: portable across filesystems and URL-safe without encoding.
const KEY_CHARS = /^[A-Za-z0-9._/-]+$/;
const EXT_PATTERN = /^[a-z0-9]{1,5}$/;

function invalidKey(key: string, reason: string): StorageError {
  // JSON.stringify makes control characters visible in logs.
  return new StorageError("INVALID_KEY", `Invalid storage key ${JSON.stringify(key)}: ${reason}`);
}

/** Why `key` is unsafe, or null when it is acceptable. */
export function keyProblem(key: string): string | null {
  if (typeof key !== "string" || key.length === 0) return "empty";
  if (key.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  // Checked before the alphabet so the message names the actual danger.
  if (/[\u0000-\u001f\u007f]/.test(key)) return "contains control characters";
  if (key.includes("\\")) return "contains a backslash";
  if (key.startsWith("/")) return "is an absolute path";
  if (/^[A-Za-z]:/.test(key)) return "starts with a drive letter";
  if (!KEY_CHARS.test(key)) return "contains characters outside [A-Za-z0-9._/-]";
  for (const segment of key.split("/")) {
    if (segment === "") return "contains an empty path segment";
    if (segment === "." || segment === "..") return "contains a relative path segment";
  }
  return null;
}

export function isValidKey(key: string): boolean {
  return keyProblem(key) === null;
}

/** Throws StorageError("INVALID_KEY") unless `key` is a safe relative path of allowed characters. */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw invalidKey(key, problem);
}

/**
 * List prefixes are partial keys: empty is allowed (everything) and so is one trailing "/"
 * ("originals/"); everything else follows the key rules.
 */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(trimmed);
  if (problem) throw invalidKey(prefix, problem);
}

function normalizeExtension(ext: string): string {
  const normalized = ext.replace(/^\./, "").toLowerCase();
  if (!EXT_PATTERN.test(normalized)) {
    throw new StorageError("INVALID_KEY", `Invalid file extension ${JSON.stringify(ext)}`);
  }
  return normalized;
}

/**
 * A fresh server-side key such as `originals/2026/11/<uuid>.jpg`. Nothing in it comes from user
 * input except a whitelisted extension, so uploads can never choose (or collide with) a path.
 */
export function newStorageKey(kind: StorageKeyKind, ext: string, now: Date = new Date()): string {
  if (!STORAGE_KEY_KINDS.includes(kind)) {
    throw new StorageError("INVALID_KEY", `Unknown storage key kind ${JSON.stringify(kind)}`);
  }
  const year = String(now.getUTCFullYear());
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${kind}/${year}/${month}/${randomUUID()}.${normalizeExtension(ext)}`;
}
