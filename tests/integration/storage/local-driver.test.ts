import { existsSync } from "node:fs";
import { chmod, mkdtemp, readdir, rm, stat, symlink, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalStorage } from "@/lib/storage/local-driver";
import type { BlobStorage } from "@/lib/storage/types";
import { failingStream, generatedStream, readAll, sha256Of } from "./storage-test-helpers";

describe("local storage driver (local-only behaviour)", () => {
  let root: string;
  let storage: BlobStorage;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "vitrine-storage-local-"));
    storage = createLocalStorage({ root });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function tmpEntries(): Promise<string[]> {
    return existsSync(path.join(root, "tmp")) ? readdir(path.join(root, "tmp")) : [];
  }

  it("keeps originals, thumbnails and sidecars owner-only (dirs 0700, files 0600), closing off a root left world-readable", async () => {
    await chmod(root, 0o755);
    const mode = async (p: string) => (await stat(path.join(root, p))).mode & 0o777;
    await storage.put("originals/2026/11/a.jpg", Buffer.from("jpeg"), { contentType: "image/jpeg" });
    await storage.put("thumbnails/2026/11/b.jpg", generatedStream(100_000, 1), { contentType: "image/jpeg" });
    await storage.put("originals/2026/11/c.bin", Buffer.from("x"), { contentType: "application/x-test" });
    expect(await mode("")).toBe(0o700);
    for (const dir of [
      "objects",
      "objects/originals",
      "objects/originals/2026",
      "objects/originals/2026/11",
      "objects/thumbnails/2026/11",
      "meta/originals/2026/11",
      "tmp",
    ]) {
      expect(await mode(dir), dir).toBe(0o700);
    }
    for (const file of [
      "objects/originals/2026/11/a.jpg",
      "objects/thumbnails/2026/11/b.jpg",
      "objects/originals/2026/11/c.bin",
      "meta/originals/2026/11/c.bin.json",
    ]) {
      expect(await mode(file), file).toBe(0o600);
    }
  });

  it("leaves nothing at the key and no temp files when the source stream errors midway", async () => {
    const key = "originals/2026/11/broken.jpg";
    const failure = new Error("client went away");
    await expect(storage.put(key, failingStream(3 * 64 * 1024, failure), { contentType: "image/jpeg" })).rejects.toBe(
      failure,
    );
    await expect(storage.head(key)).resolves.toBeNull();
    expect(existsSync(path.join(root, "objects", key))).toBe(false);
    expect(existsSync(path.join(root, "meta", `${key}.json`))).toBe(false);
    expect(await tmpEntries()).toEqual([]);
  });

  it("keeps the previous object intact when an overwrite fails midway", async () => {
    const key = "originals/keep.bin";
    await storage.put(key, Buffer.from("old content"), { contentType: "text/plain" });
    await expect(storage.put(key, failingStream(200_000), { contentType: "image/png" })).rejects.toThrow(
      "source stream failed",
    );
    const got = await storage.get(key);
    expect(got?.contentType).toBe("text/plain");
    expect((await readAll(got!.body)).toString()).toBe("old content");
    expect(await tmpEntries()).toEqual([]);
  });

  it("handles concurrent puts to different keys", async () => {
    const keys = Array.from({ length: 16 }, (_, i) => `thumbnails/2026/11/concurrent-${i}.webp`);
    const size = 300_000;
    await Promise.all(
      keys.map((key, i) => storage.put(key, generatedStream(size, i + 1), { contentType: "image/webp" })),
    );
    for (const [i, key] of keys.entries()) {
      const got = await storage.get(key);
      expect(got?.size).toBe(size);
      expect(await sha256Of(got!.body)).toBe(await sha256Of(generatedStream(size, i + 1)));
    }
    expect((await storage.list("thumbnails/")).items.map((item) => item.key)).toEqual([...keys].sort());
    expect(await tmpEntries()).toEqual([]);
  });

  it("never exposes a partial object under concurrent puts to the same key", async () => {
    const key = "originals/race.bin";
    const size = 500_000;
    const candidates = await Promise.all([1, 2, 3].map((seed) => sha256Of(generatedStream(size, seed))));
    await Promise.all(
      [1, 2, 3].map((seed) => storage.put(key, generatedStream(size, seed), { contentType: "image/jpeg" })),
    );
    const got = await storage.get(key);
    expect(candidates).toContain(await sha256Of(got!.body));
  });

  it("keeps the content type across a restart (new driver instance on the same root)", async () => {
    await storage.put("exports/report.xlsx", Buffer.from("xlsx"), {
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    const restarted = createLocalStorage({ root });
    await expect(restarted.head("exports/report.xlsx")).resolves.toMatchObject({
      size: 4,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });

  it("without a metadata sidecar, takes the type the extension implies, else application/octet-stream", async () => {
    await mkdir(path.join(root, "objects", "imports"), { recursive: true });
    await writeFile(path.join(root, "objects", "imports", "orphan.csv"), "a,b");
    await writeFile(path.join(root, "objects", "imports", "orphan.bin"), "a,b");
    await expect(storage.head("imports/orphan.csv")).resolves.toMatchObject({ size: 3, contentType: "text/csv" });
    await expect(storage.head("imports/orphan.bin")).resolves.toMatchObject({
      size: 3,
      contentType: "application/octet-stream",
    });
  });

  it("writes a metadata sidecar only when the extension does not imply the content type", async () => {
    await storage.put("thumbnails/t.jpg", Buffer.from("x"), { contentType: "image/jpeg" });
    await expect(stat(path.join(root, "meta", "thumbnails", "t.jpg.json"))).rejects.toMatchObject({ code: "ENOENT" });
    await storage.put("thumbnails/t.jpg", Buffer.from("x"), { contentType: "application/octet-stream" });
    await expect(storage.head("thumbnails/t.jpg")).resolves.toMatchObject({ contentType: "application/octet-stream" });
    // Overwritten with the implied type again: the stale sidecar must not keep the old type alive.
    await storage.put("thumbnails/t.jpg", Buffer.from("x"), { contentType: "image/jpeg" });
    await expect(storage.head("thumbnails/t.jpg")).resolves.toMatchObject({ contentType: "image/jpeg" });
  });

  it("recreates its folders if they are removed while running", async () => {
    await storage.put("originals/a.jpg", Buffer.from("a"), { contentType: "image/jpeg" });
    await rm(path.join(root, "tmp"), { recursive: true, force: true });
    await rm(path.join(root, "objects"), { recursive: true, force: true });
    await storage.put("originals/b.jpg", Buffer.from("b"), { contentType: "image/jpeg" });
    await expect(storage.head("originals/b.jpg")).resolves.toMatchObject({ size: 1 });
  });

  it("lists only objects, never sidecars, temp files or symlinks", async () => {
    await storage.put("imports/a.csv", Buffer.from("1"), { contentType: "text/csv" });
    await mkdir(path.join(root, "tmp"), { recursive: true });
    await writeFile(path.join(root, "tmp", "stray.tmp"), "x");
    await symlink("/etc/passwd", path.join(root, "objects", "imports", "link"));
    expect((await storage.list("")).items.map((item) => item.key)).toEqual(["imports/a.csv"]);
  });

  it("rejects a key whose parent is already an object (filesystem limitation)", async () => {
    await storage.put("a", Buffer.from("file"), { contentType: "text/plain" });
    await expect(storage.put("a/b", Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({
      code: "INVALID_KEY",
    });
    expect(await tmpEntries()).toEqual([]);
    // A directory is not an object either.
    await storage.put("dir/child", Buffer.from("x"), { contentType: "text/plain" });
    await expect(storage.get("dir")).resolves.toBeNull();
    await expect(storage.head("dir")).resolves.toBeNull();
    await expect(storage.delete("dir")).resolves.toBeUndefined();
    await expect(storage.head("dir/child")).resolves.not.toBeNull();
  });

  it("rejects a tampered list cursor", async () => {
    const cursor = Buffer.from("../../etc").toString("base64url");
    await expect(storage.list("", { cursor })).rejects.toMatchObject({ code: "INVALID_KEY" });
  });

  it("creates nothing outside the root and nothing at all until first write", async () => {
    expect(await readdir(root)).toEqual([]);
    await storage.put("originals/x.jpg", Buffer.from("x"), { contentType: "image/jpeg" });
    expect((await readdir(root)).sort()).toEqual(["objects", "tmp"]);
    expect((await stat(path.join(root, "objects", "originals", "x.jpg"))).size).toBe(1);
  });

  it("ping fails with STORAGE_UNAVAILABLE when the root cannot be created", async () => {
    const blocker = path.join(root, "not-a-dir");
    await writeFile(blocker, "file");
    await expect(createLocalStorage({ root: path.join(blocker, "blobs") }).ping()).rejects.toMatchObject({
      code: "STORAGE_UNAVAILABLE",
    });
  });
});
