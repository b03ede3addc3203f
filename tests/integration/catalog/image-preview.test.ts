// GET /api/v1/images/{id}/preview: the detail panel's WebP rendition, rendered once on demand and kept in blob storage.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { GET as getPreview } from "@/app/api/v1/images/[id]/preview/route";
import { createBatch } from "@/lib/batches/create-batch";
import { getPrisma } from "@/lib/db/client";
import { PREVIEW_SIZE, previewKey } from "@/lib/images/render-preview";
import { getStorage } from "@/lib/storage/get-storage";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";
import { params } from "./seed";

let editor: Awaited<ReturnType<typeof apiTokenFor>>;
let viewer: Awaited<ReturnType<typeof apiTokenFor>>;

const preview = (auth: typeof viewer, id: string, headers: Record<string, string> = {}) =>
  getPreview(
    new Request(`http://localhost/api/v1/images/${id}/preview`, { headers: { ...auth.headers, ...headers } }),
    params({ id }),
  );

/** Uploads one photo and marks it processed (the preview only needs its stored original). */
async function uploadPhoto(name: string, bytes: Buffer, processingStatus: "READY" | "QUEUED" = "READY") {
  const batch = await createBatch(editor.user, { name: `Prévia ${name}` });
  const res = await uploadFiles(
    new Request("http://localhost/x", { method: "POST", body: uploadForm([{ name, bytes }]), headers: editor.headers }),
    params({ id: batch.id }),
  );
  const imageId = (await res.json()).results[0].imageId as string;
  return getPrisma().image.update({ where: { id: imageId }, data: { processingStatus } });
}

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
});

describe("GET /api/v1/images/{id}/preview", () => {
  it("renders a WebP of at most PREVIEW_SIZE px once, stores it, then serves the stored one", async () => {
    const image = await uploadPhoto("grande.jpg", await makeJpeg(7, 2400, 1800));
    const storage = getStorage();
    expect(await storage.head(previewKey(image.sha256))).toBeNull();

    const first = await preview(viewer, image.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/webp");
    expect(first.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const etag = first.headers.get("etag");
    expect(etag).toBe(`"${image.sha256}-${PREVIEW_SIZE}"`);
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", PREVIEW_SIZE, 1200]);
    const stored = await storage.head(previewKey(image.sha256));
    expect(stored?.contentType).toBe("image/webp");

    // With the original gone, only the stored rendition can answer: the second request does not render.
    await storage.delete(image.storageKey);
    const second = await preview(viewer, image.id);
    expect(second.status).toBe(200);
    expect(second.headers.get("etag")).toBe(etag);
    expect(Number(second.headers.get("content-length"))).toBe(stored?.size);
    expect((await preview(viewer, image.id, { "if-none-match": etag! })).status).toBe(304);
  });

  it("never enlarges a small original; two requests at once both get it", async () => {
    const image = await uploadPhoto("pequena.jpg", await makeJpeg(8, 640, 480));
    const answers = await Promise.all([preview(editor, image.id), preview(viewer, image.id)]);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const meta = await sharp(Buffer.from(await answers[0]!.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([640, 480]);
  });

  it("is a 404 for an unknown or malformed id, a photo not processed yet or a missing original", async () => {
    expect((await preview(viewer, "00000000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await preview(viewer, "nope")).status).toBe(404);
    const queued = await uploadPhoto("na-fila.jpg", await makeJpeg(9), "QUEUED");
    expect((await preview(viewer, queued.id)).status).toBe(404);
    const gone = await uploadPhoto("sumiu.jpg", await makeJpeg(10));
    await getStorage().delete(gone.storageKey);
    const res = await preview(viewer, gone.id);
    expect([res.status, (await res.json()).error]).toEqual([404, "NOT_FOUND"]);
  });

  it("needs a signed-in caller", async () => {
    const image = await getPrisma().image.findFirstOrThrow();
    const res = await getPreview(
      new Request(`http://localhost/api/v1/images/${image.id}/preview`),
      params({ id: image.id }),
    );
    expect(res.status).toBe(401);
  });
});
