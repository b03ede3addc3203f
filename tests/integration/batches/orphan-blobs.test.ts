import { readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { createBatch } from "@/lib/batches/create-batch";
import { getPrisma } from "@/lib/db/client";
import { previewKey } from "@/lib/images/preview-key";
import { sweepOrphanBlobs } from "@/lib/images/sweep-orphan-blobs";
import { newStorageKey } from "@/lib/storage/keys";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
});

/** Makes a stored object look as if it was written `hours` ago. */
async function age(key: string, hours: number): Promise<void> {
  const when = new Date(Date.now() - hours * 3_600_000);
  await utimes(getStorage().localPath(key)!, when, when);
}

describe("orphan blob sweep", () => {
  it("deletes old originals and thumbnails no image row points to, and nothing else", async () => {
    const storage = getStorage();
    const batch = await createBatch(auth.user, { name: "Lote órfãos" });
    const res = await uploadFiles(
      new Request("http://localhost/x", {
        method: "POST",
        body: uploadForm([{ name: "A1_01.jpg", bytes: await makeJpeg(71), uploadId: "o1" }]),
        headers: auth.headers,
      }),
      { params: Promise.resolve({ id: batch.id }) },
    );
    expect(res.status).toBe(200);
    const image = await getPrisma().image.findFirstOrThrow({ where: { batchId: batch.id } });
    const thumbnailKey = newStorageKey("thumbnails", "jpg");
    await storage.put(thumbnailKey, Buffer.from("thumb"), { contentType: "image/jpeg" });
    await getPrisma().image.update({ where: { id: image.id }, data: { thumbnailKey } });

    // What a process killed between writing a blob and its row leaves behind, plus a fresh one.
    const orphanOriginal = newStorageKey("originals", "jpg");
    const orphanThumbnail = newStorageKey("thumbnails", "jpg");
    const freshOriginal = newStorageKey("originals", "jpg");
    for (const key of [orphanOriginal, orphanThumbnail, freshOriginal])
      await storage.put(key, Buffer.from("x"), { contentType: "image/jpeg" });
    for (const key of [orphanOriginal, orphanThumbnail, image.storageKey, thumbnailKey]) await age(key, 3);

    expect(await sweepOrphanBlobs()).toBe(2);
    expect(await storage.head(orphanOriginal)).toBeNull();
    expect(await storage.head(orphanThumbnail)).toBeNull();
    // Referenced blobs stay, and so does an unreferenced one still inside the grace period (its row may be on the way).
    expect(await storage.head(image.storageKey)).not.toBeNull();
    expect(await storage.head(thumbnailKey)).not.toBeNull();
    expect(await storage.head(freshOriginal)).not.toBeNull();
    expect(await sweepOrphanBlobs()).toBe(0);
  });

  it("deletes old previews of bytes no row holds and of an older preview size, keeping a held one's", async () => {
    const storage = getStorage();
    const held = await getPrisma().image.findFirstOrThrow();
    const kept = previewKey(held.sha256);
    const gone = previewKey("e".repeat(64));
    const oldSize = `previews/${held.sha256}-800.webp`;
    for (const key of [kept, gone, oldSize]) {
      await storage.put(key, Buffer.from("webp"), { contentType: "image/webp" });
      await age(key, 3);
    }
    expect(await sweepOrphanBlobs()).toBe(2);
    expect(await storage.head(kept)).not.toBeNull();
    expect(await storage.head(gone)).toBeNull();
    expect(await storage.head(oldSize)).toBeNull();
  });

  it("removes the temp files of writes a killed process never finished, once they are past the grace period", async () => {
    // The local driver writes into tmp/ beside objects/ and renames into place; a SIGKILL mid-upload leaves the temp file.
    const probeKey = newStorageKey("originals", "jpg");
    await getStorage().put(probeKey, Buffer.from("x"), { contentType: "image/jpeg" });
    const objectsRoot = getStorage().localPath(probeKey)!.split(`${path.sep}objects${path.sep}`)[0]!;
    const tmp = path.join(objectsRoot, "tmp");
    const abandoned = path.join(tmp, "abandoned.tmp");
    const inFlight = path.join(tmp, "in-flight.tmp");
    await writeFile(abandoned, Buffer.alloc(1024));
    await writeFile(inFlight, Buffer.alloc(1024));
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000);
    await utimes(abandoned, threeHoursAgo, threeHoursAgo);

    await sweepOrphanBlobs();
    const left = await readdir(tmp);
    expect(left).not.toContain("abandoned.tmp");
    expect(left).toContain("in-flight.tmp");
  });
});
