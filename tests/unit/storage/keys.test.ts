import { describe, expect, it } from "vitest";
import { MAX_KEY_LENGTH, assertValidKey, assertValidPrefix, isValidKey, newStorageKey } from "@/lib/storage/keys";
import type { StorageKeyKind } from "@/lib/storage/keys";
import { StorageError } from "@/lib/storage/types";

function errorOf(fn: () => unknown): StorageError | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err as StorageError;
  }
}

describe("assertValidKey", () => {
  it.each([
    "originals/2026/11/0b4e2f0c-5a4d-4e55-9c2e-6f1f3d2a9b7e.jpg",
    "a",
    "a.b",
    "a-b_c.D9",
    "nested/deeply/path/file.tar.gz",
    ".hidden",
    "dir/..dotted",
    "x".repeat(MAX_KEY_LENGTH),
  ])("accepts %j", (key) => {
    expect(() => assertValidKey(key)).not.toThrow();
    expect(isValidKey(key)).toBe(true);
  });

  it.each([
    { key: "", reason: /empty/ },
    { key: "../x", reason: /relative path segment/ },
    { key: "a/../../b", reason: /relative path segment/ },
    { key: "a/..", reason: /relative path segment/ },
    { key: "./a", reason: /relative path segment/ },
    { key: "a/./b", reason: /relative path segment/ },
    { key: "/etc/passwd", reason: /absolute/ },
    { key: "/", reason: /absolute/ },
    { key: "a\0b", reason: /control/ },
    { key: "a\nb", reason: /control/ },
    { key: "a\u007fb", reason: /control/ },
    { key: "C:\\x", reason: /backslash/ },
    { key: "C:x", reason: /drive letter/ },
    { key: "c:/windows", reason: /drive letter/ },
    { key: "a\\b", reason: /backslash/ },
    { key: "a//b", reason: /empty path segment/ },
    { key: "a/", reason: /empty path segment/ },
    { key: "a b", reason: /outside/ },
    { key: "a%2e%2e", reason: /outside/ },
    { key: "émoji", reason: /outside/ },
    { key: "ab:c", reason: /outside/ },
    { key: "a?b", reason: /outside/ },
    { key: "x".repeat(MAX_KEY_LENGTH + 1), reason: /longer than/ },
  ])("rejects $key ($reason)", ({ key, reason }) => {
    const err = errorOf(() => assertValidKey(key));
    expect(err).toBeInstanceOf(StorageError);
    expect(err?.code).toBe("INVALID_KEY");
    expect(err?.message).toMatch(reason);
    expect(isValidKey(key)).toBe(false);
  });

  it("rejects non-string input at runtime", () => {
    expect(errorOf(() => assertValidKey(undefined as unknown as string))?.code).toBe("INVALID_KEY");
  });
});

describe("assertValidPrefix", () => {
  it.each(["", "originals", "originals/", "originals/20", "a/b/"])("accepts %j", (prefix) => {
    expect(() => assertValidPrefix(prefix)).not.toThrow();
  });

  it.each(["/", "../", "a//", "/abs", "a/../", "a\\b", "a b"])("rejects %j", (prefix) => {
    expect(errorOf(() => assertValidPrefix(prefix))?.code).toBe("INVALID_KEY");
  });
});

describe("newStorageKey", () => {
  const now = new Date("2026-11-05T23:30:00Z");
  const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

  it.each([
    { kind: "originals", ext: "jpg", expected: "jpg" },
    { kind: "thumbnails", ext: "webp", expected: "webp" },
    { kind: "imports", ext: "csv", expected: "csv" },
    { kind: "exports", ext: "xlsx", expected: "xlsx" },
    { kind: "originals", ext: ".JPEG", expected: "jpeg" },
    { kind: "originals", ext: "mp4", expected: "mp4" },
  ] as { kind: StorageKeyKind; ext: string; expected: string }[])(
    "builds $kind/…/.$expected from $ext",
    ({ kind, ext, expected }) => {
      const key = newStorageKey(kind, ext, now);
      expect(key).toMatch(new RegExp(`^${kind}/2026/11/${uuid}\\.${expected}$`));
      expect(isValidKey(key)).toBe(true);
    },
  );

  it("uses the UTC year and month", () => {
    expect(newStorageKey("originals", "jpg", new Date("2026-12-31T23:59:59Z"))).toMatch(/^originals\/2026\/12\//);
    expect(newStorageKey("originals", "jpg", new Date("2027-01-01T00:00:00Z"))).toMatch(/^originals\/2027\/01\//);
  });

  it("never repeats", () => {
    const keys = new Set(Array.from({ length: 500 }, () => newStorageKey("originals", "jpg", now)));
    expect(keys.size).toBe(500);
  });

  it.each(["", "toolong", "../x", "j/pg", "jp g", "jpg\0", "é", "a.b", "..", "JPG!"])("rejects extension %j", (ext) => {
    expect(errorOf(() => newStorageKey("originals", ext, now))?.code).toBe("INVALID_KEY");
  });

  it.each(["../originals", "avatars", ""])("rejects kind %j", (kind) => {
    expect(errorOf(() => newStorageKey(kind as StorageKeyKind, "jpg", now))?.code).toBe("INVALID_KEY");
  });
});
