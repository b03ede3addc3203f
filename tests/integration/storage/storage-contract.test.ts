import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "@/lib/storage/local-driver";
import type { BlobStorage, StorageErrorCode } from "@/lib/storage/types";
import { createVercelBlobStorage } from "@/lib/storage/vercel-driver";
import { startFakeVercelBlobServer } from "@/tests/support/fake-vercel-blob-server";
import { generatedStream, readAll, sha256Of } from "./storage-test-helpers";

export interface StorageUnderTest {
  storage: BlobStorage;
  dispose(): Promise<void>;
}

const BIG_SIZE = 5 * 1024 * 1024 + 12_345; // several MB and not a multiple of any chunk size

async function expectStorageError(promise: Promise<unknown>, code: StorageErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: "StorageError", code });
}

/** The behaviour every BlobStorage driver must share; run once per driver. */
export function describeStorageContract(name: string, factory: () => Promise<StorageUnderTest>): void {
  describe(`BlobStorage contract: ${name}`, () => {
    let subject: StorageUnderTest;
    let storage: BlobStorage;

    beforeAll(async () => {
      subject = await factory();
      storage = subject.storage;
    });
    afterAll(async () => {
      await subject?.dispose();
    });

    it("reports its driver name and pings", async () => {
      expect(["local", "vercel"]).toContain(storage.driver);
      await expect(storage.ping()).resolves.toBeUndefined();
    });

    it("streams a multi-MB body in and out unchanged", async () => {
      const key = "contract/big/original.bin";
      const expectedSha = await sha256Of(generatedStream(BIG_SIZE, 42));
      await expect(storage.put(key, generatedStream(BIG_SIZE, 42), { contentType: "image/jpeg" })).resolves.toEqual({
        key,
        size: BIG_SIZE,
      });
      const got = await storage.get(key);
      expect(got).not.toBeNull();
      expect(got?.size).toBe(BIG_SIZE);
      expect(got?.contentType).toBe("image/jpeg");
      expect(got?.range).toBeUndefined();
      expect(await sha256Of(got!.body)).toBe(expectedSha);
    });

    it("heads size, content type and upload time", async () => {
      const key = "contract/head/file.png";
      const before = Date.now();
      await storage.put(key, Buffer.from("0123456789"), { contentType: "image/png" });
      const meta = await storage.head(key);
      expect(meta).toMatchObject({ size: 10, contentType: "image/png" });
      expect(meta?.uploadedAt).toBeInstanceOf(Date);
      // Filesystem mtimes can be coarser than Date.now(); allow a little slack.
      expect(meta!.uploadedAt.getTime()).toBeGreaterThanOrEqual(before - 2000);
      expect(meta!.uploadedAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    });

    it("stores empty objects", async () => {
      const key = "contract/empty/zero.txt";
      await expect(storage.put(key, Buffer.alloc(0), { contentType: "text/plain" })).resolves.toEqual({ key, size: 0 });
      const got = await storage.get(key);
      expect(got?.size).toBe(0);
      expect((await readAll(got!.body)).length).toBe(0);
      await expectStorageError(storage.get(key, { start: 0 }), "RANGE_NOT_SATISFIABLE");
    });

    describe("byte ranges", () => {
      const key = "contract/ranges/data.bin";
      const size = 1024 * 1024 + 7;
      let whole: Buffer;

      beforeAll(async () => {
        whole = await readAll(generatedStream(size, 7));
        await storage.put(key, generatedStream(size, 7), { contentType: "application/octet-stream" });
      });

      const cases = [
        { label: "first bytes", range: { start: 0, end: 15 }, expected: { start: 0, end: 15 } },
        { label: "middle", range: { start: 500_000, end: 600_000 }, expected: { start: 500_000, end: 600_000 } },
        { label: "open-ended", range: { start: size - 100 }, expected: { start: size - 100, end: size - 1 } },
        {
          label: "end past the last byte (clamped)",
          range: { start: size - 3, end: size + 50 },
          expected: { start: size - 3, end: size - 1 },
        },
        {
          label: "single last byte",
          range: { start: size - 1, end: size - 1 },
          expected: { start: size - 1, end: size - 1 },
        },
      ];

      it.each(cases)("serves $label", async ({ range, expected }) => {
        const got = await storage.get(key, range);
        expect(got?.size).toBe(size); // total size, not the slice length
        expect(got?.range).toEqual(expected);
        const bytes = await readAll(got!.body);
        expect(bytes.equals(whole.subarray(expected.start, expected.end + 1))).toBe(true);
      });

      it.each([
        { label: "start at size", range: { start: size } },
        { label: "start past size", range: { start: size + 1000, end: size + 2000 } },
        { label: "end before start", range: { start: 10, end: 5 } },
        { label: "negative start", range: { start: -1 } },
        { label: "fractional start", range: { start: 1.5 } },
      ])("rejects $label with RANGE_NOT_SATISFIABLE", async ({ range }) => {
        await expectStorageError(storage.get(key, range), "RANGE_NOT_SATISFIABLE");
      });

      it("returns null for a range on a missing key", async () => {
        await expect(storage.get("contract/ranges/missing.bin", { start: 0, end: 1 })).resolves.toBeNull();
      });
    });

    it("returns null for missing keys", async () => {
      await expect(storage.get("contract/missing/nope.jpg")).resolves.toBeNull();
      await expect(storage.head("contract/missing/nope.jpg")).resolves.toBeNull();
    });

    it("overwrites an existing key, content type included", async () => {
      const key = "contract/overwrite/file";
      await storage.put(key, Buffer.from("first version, longer"), { contentType: "text/plain" });
      await storage.put(key, Readable.from([Buffer.from("second")]), { contentType: "image/webp" });
      const got = await storage.get(key);
      expect(got).toMatchObject({ size: 6, contentType: "image/webp" });
      expect((await readAll(got!.body)).toString()).toBe("second");
      await expect(storage.head(key)).resolves.toMatchObject({ size: 6, contentType: "image/webp" });
    });

    it("deletes idempotently", async () => {
      const key = "contract/delete/file.txt";
      await storage.put(key, Buffer.from("bye"), { contentType: "text/plain" });
      await storage.delete(key);
      await expect(storage.head(key)).resolves.toBeNull();
      await expect(storage.get(key)).resolves.toBeNull();
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete("contract/delete/never-existed.txt")).resolves.toBeUndefined();
    });

    describe("list", () => {
      const pageKeys = Array.from({ length: 7 }, (_, i) => `contract/list/a/item-${String(i).padStart(2, "0")}.txt`);
      // Chosen so "/" sorts after "-" and "." but before digits: nested keys must interleave correctly.
      const orderingKeys = [
        "contract/order/a-c",
        "contract/order/a.x",
        "contract/order/a/b",
        "contract/order/a/c/d",
        "contract/order/a0",
      ];

      beforeAll(async () => {
        const others = ["contract/list/b/other.txt", "contract/list-sibling/x.txt"];
        for (const key of [...pageKeys, ...others, ...[...orderingKeys].reverse()]) {
          await storage.put(key, Buffer.from(key), { contentType: "text/plain" });
        }
      });

      async function listAll(prefix: string, limit: number): Promise<{ keys: string[]; pages: number }> {
        const keys: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await storage.list(prefix, { limit, cursor });
          pages += 1;
          expect(page.items.length).toBeLessThanOrEqual(limit);
          keys.push(...page.items.map((item) => item.key));
          cursor = page.cursor;
        } while (cursor && pages < 100);
        return { keys, pages };
      }

      it("lists by prefix with items carrying size and upload time", async () => {
        const page = await storage.list("contract/list/a/");
        expect(page.cursor).toBeUndefined();
        expect(page.items.map((item) => item.key)).toEqual(pageKeys);
        const first = page.items[0];
        expect(first?.size).toBe(Buffer.byteLength(pageKeys[0]!));
        expect(first?.uploadedAt).toBeInstanceOf(Date);
      });

      it("paginates with a cursor until exhausted", async () => {
        const { keys, pages } = await listAll("contract/list/a/", 3);
        expect(keys).toEqual(pageKeys);
        expect(pages).toBe(3);
      });

      it("matches partial segments and excludes sibling prefixes", async () => {
        expect((await storage.list("contract/list/a/item-0")).items).toHaveLength(7);
        const underList = (await storage.list("contract/list/")).items.map((item) => item.key);
        expect(underList).toContain("contract/list/b/other.txt");
        expect(underList).not.toContain("contract/list-sibling/x.txt");
        expect((await storage.list("contract/list")).items.map((item) => item.key)).toContain(
          "contract/list-sibling/x.txt",
        );
        await expect(storage.list("contract/nothing-here/")).resolves.toEqual({ items: [] });
      });

      it("returns keys in byte order, nested or not, across pages", async () => {
        expect((await storage.list("contract/order/")).items.map((item) => item.key)).toEqual(orderingKeys);
        expect((await listAll("contract/order/", 1)).keys).toEqual(orderingKeys);
      });

      it("lists everything with an empty prefix", async () => {
        const { keys } = await listAll("", 1000);
        expect(keys).toEqual(expect.arrayContaining([...pageKeys, ...orderingKeys]));
      });
    });

    describe("invalid keys", () => {
      const invalidKeys = ["../x", "a/../../b", "/etc/passwd", "a\0b", "C:\\x", "a//b", "", "a/./b", "sp ace", "a/"];
      const methods: { name: string; call: (s: BlobStorage, key: string) => Promise<unknown> }[] = [
        { name: "put(Buffer)", call: (s, key) => s.put(key, Buffer.from("x"), { contentType: "text/plain" }) },
        {
          name: "put(stream)",
          call: (s, key) => s.put(key, Readable.from([Buffer.from("x")]), { contentType: "text/plain" }),
        },
        { name: "get", call: (s, key) => s.get(key) },
        { name: "get(range)", call: (s, key) => s.get(key, { start: 0 }) },
        { name: "head", call: (s, key) => s.head(key) },
        { name: "delete", call: (s, key) => s.delete(key) },
      ];
      const table = methods.flatMap((method) =>
        invalidKeys.map((key) => ({ method: method.name, call: method.call, key })),
      );

      it.each(table)("$method rejects $key with INVALID_KEY", async ({ call, key }) => {
        await expectStorageError(call(storage, key), "INVALID_KEY");
      });

      it.each(["../", "/abs", "a//", "a\\b"])("list rejects prefix %j with INVALID_KEY", async (prefix) => {
        await expectStorageError(storage.list(prefix), "INVALID_KEY");
      });
    });
  });
}

describeStorageContract("local driver", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "vitrine-storage-contract-"));
  return {
    storage: createLocalStorage({ root }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

describeStorageContract("vercel driver (real @vercel/blob client → fake server)", async () => {
  const server = await startFakeVercelBlobServer();
  // The client reads VERCEL_BLOB_API_URL on every request (getApiUrl), so setting it here is enough.
  const previousApiUrl = process.env.VERCEL_BLOB_API_URL;
  process.env.VERCEL_BLOB_API_URL = server.url;
  return {
    storage: createVercelBlobStorage({ token: server.token }),
    dispose: async () => {
      if (previousApiUrl === undefined) delete process.env.VERCEL_BLOB_API_URL;
      else process.env.VERCEL_BLOB_API_URL = previousApiUrl;
      await server.close();
    },
  };
});
