import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createVercelBlobStorage } from "@/lib/storage/vercel-driver";
import { startFakeVercelBlobServer } from "@/tests/support/fake-vercel-blob-server";
import type { FakeVercelBlobServer } from "@/tests/support/fake-vercel-blob-server";
import { failingStream, generatedStream, readAll } from "./storage-test-helpers";

describe("vercel blob driver (vercel-only behaviour)", () => {
  let server: FakeVercelBlobServer;
  const previousApiUrl = process.env.VERCEL_BLOB_API_URL;

  /** The client reads VERCEL_BLOB_API_URL per request, so pointing it at a server is just an assignment. */
  function useServer(target: FakeVercelBlobServer): void {
    process.env.VERCEL_BLOB_API_URL = target.url;
  }

  beforeAll(async () => {
    server = await startFakeVercelBlobServer();
  });
  afterEach(() => useServer(server));
  afterAll(async () => {
    if (previousApiUrl === undefined) delete process.env.VERCEL_BLOB_API_URL;
    else process.env.VERCEL_BLOB_API_URL = previousApiUrl;
    await server.close();
  });

  it("maps a wrong token to STORAGE_UNAVAILABLE without retrying", async () => {
    useServer(server);
    const storage = createVercelBlobStorage({ token: "vercel_blob_rw_fakestore_wrongsecret" });
    const started = Date.now();
    await expect(storage.ping()).rejects.toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    await expect(storage.head("a/b")).rejects.toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    await expect(storage.put("a/b", Buffer.from("x"), { contentType: "text/plain" })).rejects.toMatchObject({
      code: "STORAGE_UNAVAILABLE",
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.pathnames()).not.toContain("a/b");
  });

  it("aborts the upload at once and stores nothing when the source stream errors midway", async () => {
    useServer(server);
    const storage = createVercelBlobStorage({ token: server.token });
    const failure = new Error("client went away");
    const started = Date.now();
    await expect(
      storage.put("originals/broken.jpg", failingStream(256 * 1024, failure), { contentType: "image/jpeg" }),
    ).rejects.toBe(failure);
    expect(Date.now() - started).toBeLessThan(2000); // no retry backoff
    expect(server.pathnames()).not.toContain("originals/broken.jpg");
    await expect(storage.head("originals/broken.jpg")).resolves.toBeNull();
  });

  it("ping fails fast with STORAGE_UNAVAILABLE when the service is down", async () => {
    const down = await startFakeVercelBlobServer();
    await down.close();
    useServer(down);
    const storage = createVercelBlobStorage({ token: down.token, pingTimeoutMs: 200 });
    const started = Date.now();
    await expect(storage.ping()).rejects.toMatchObject({ code: "STORAGE_UNAVAILABLE" });
    // One client retry may start before the deadline is noticed; never the full backoff series.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("slices the body itself when the server ignores Range", async () => {
    const rangeless = await startFakeVercelBlobServer({ ignoreRange: true });
    try {
      useServer(rangeless);
      const storage = createVercelBlobStorage({ token: rangeless.token });
      const size = 400_000;
      const whole = await readAll(generatedStream(size, 3));
      await storage.put("originals/r.bin", whole, { contentType: "image/jpeg" });
      const got = await storage.get("originals/r.bin", { start: 70_000, end: 200_000 });
      expect(got).toMatchObject({ size, range: { start: 70_000, end: 200_000 } });
      expect((await readAll(got!.body)).equals(whole.subarray(70_000, 200_001))).toBe(true);
    } finally {
      await rangeless.close();
    }
  });

  it("keeps private blobs unreadable without the token", async () => {
    useServer(server);
    const storage = createVercelBlobStorage({ token: server.token });
    await storage.put("originals/private.jpg", Buffer.from("secret"), { contentType: "image/jpeg" });
    const origin = new URL(server.url).origin;
    const anonymous = await fetch(`${origin}/blobs/originals/private.jpg`);
    expect(anonymous.status).toBe(403);
    const got = await storage.get("originals/private.jpg");
    expect((await readAll(got!.body)).toString()).toBe("secret");
  });
});
