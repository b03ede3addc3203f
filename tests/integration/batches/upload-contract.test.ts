import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { createBatch } from "@/lib/batches/create-batch";
import { processBatchImage } from "@/lib/batches/process-batch-image";
import { clearSkuIndexCache } from "@/lib/catalog/sku-scope-index";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";
import { productScope, seedCollection, seedProduct } from "../reconciliation/seed";

const blobsDir = () => path.join(process.env.VITRINE_DATA_DIR!, "blobs");
function countBlobs(): number {
  const root = path.join(blobsDir(), "objects");
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

type Part = { field: string; value: string } | { file: string; bytes: Buffer };
const BOUNDARY = "----vitrine-contract";

/** A raw multipart body, so the tests control part order and the exact filename sent. */
function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("field" in part) {
      chunks.push(
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${part.file}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

async function setup(collectionId?: string) {
  const auth = await apiTokenFor("EDITOR");
  const batch = await createBatch(auth.user, { name: "Contrato", collectionId });
  const post = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    uploadFiles(
      new Request(`http://localhost/api/v1/batches/${batch.id}/files`, {
        method: "POST",
        body: new Uint8Array(body),
        headers: { ...auth.headers, "content-type": contentType },
      }),
      {
        params: Promise.resolve({ id: batch.id }),
      },
    );
  return { auth, batch, post };
}

const photos = (n: number, seed: number) => Promise.all(Array.from({ length: n }, (_, i) => makeJpeg(seed + i, 8, 8)));

async function expectNothingStored() {
  expect(await getPrisma().image.count()).toBe(0);
  expect(await getPrisma().batchUpload.count()).toBe(0);
  expect(countBlobs()).toBe(0);
}

beforeEach(async () => {
  await truncateAllTables();
  clearSkuIndexCache();
  fs.rmSync(blobsDir(), { recursive: true, force: true });
});

describe("upload request limits are never silent", () => {
  it(
    "takes the first 100 of 300 files and answers the other 200 as rejected TOO_MANY_FILES, by name",
    { timeout: 60_000 },
    async () => {
      const { post } = await setup();
      const bytes = await photos(300, 1000);
      const res = await post(
        multipart(bytes.map((b, i) => ({ file: `f${String(i).padStart(3, "0")}.jpg`, bytes: b }))),
      );
      expect(res.status).toBe(200);
      const { results } = await res.json();
      expect(results).toHaveLength(300);
      expect(results.slice(0, 100).every((r: { status: string }) => r.status === "stored")).toBe(true);
      const rejected = results.slice(100);
      expect(
        rejected.every(
          (r: { status: string; error?: { code: string } }) =>
            r.status === "rejected" && r.error?.code === "TOO_MANY_FILES",
        ),
      ).toBe(true);
      expect(rejected.map((r: { name: string }) => r.name)).toEqual(
        Array.from({ length: 200 }, (_, i) => `f${String(i + 100).padStart(3, "0")}.jpg`),
      );
      expect(await getPrisma().image.count()).toBe(100);
      expect(countBlobs()).toBe(100);
    },
  );

  it("answers a field longer than 4096 bytes, NUL in a field, a bad uploadId and too many fields with 400, storing nothing", async () => {
    const { post } = await setup();
    const [a] = await photos(1, 2000);
    const cases: Part[][] = [
      [
        { field: "path", value: `VD/${"x".repeat(5000)}.jpg` },
        { file: "a.jpg", bytes: a! },
      ],
      [
        { field: "path", value: "VD/a\u0000.jpg" },
        { file: "a.jpg", bytes: a! },
      ],
      [
        { field: "paths", value: "VD/\u0000a.jpg" },
        { file: "a.jpg", bytes: a! },
      ],
      [
        { field: "uploadId", value: "a\u0000b" },
        { file: "a.jpg", bytes: a! },
      ],
      [
        { field: "uploadId", value: "não/vale" },
        { file: "a.jpg", bytes: a! },
      ],
      [{ file: "a.jpg", bytes: a! }, ...Array.from({ length: 1001 }, () => ({ field: "note", value: "x" }))],
    ];
    const codes: string[] = [];
    for (const parts of cases) {
      const res = await post(multipart(parts));
      expect(res.status).toBe(400);
      codes.push((await res.json()).details.code);
      await expectNothingStored();
    }
    expect(codes).toEqual([
      "FIELD_TOO_LONG",
      "INVALID_FIELD",
      "INVALID_FIELD",
      "INVALID_FIELD",
      "INVALID_UPLOAD_ID",
      "TOO_MANY_FIELDS",
    ]);
  });

  it("answers multipart/form-data without a boundary with 400, not 500", async () => {
    const { post } = await setup();
    const res = await post(multipart([{ file: "a.jpg", bytes: (await photos(1, 2100))[0]! }]), "multipart/form-data");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "BAD_REQUEST", message: expect.stringContaining("boundary") });
    await expectNothingStored();
  });
});

describe("upload paths: one unambiguous contract", () => {
  it("maps several `paths` sent before the files first → first", async () => {
    const { post } = await setup();
    const [a, b, c] = await photos(3, 3000);
    const res = await post(
      multipart([
        { field: "paths", value: "VERAO/A1/a.jpg" },
        { field: "paths", value: "VERAO/B2/b.jpg" },
        { field: "paths", value: "VERAO/C3/c.jpg" },
        { file: "a.jpg", bytes: a! },
        { file: "b.jpg", bytes: b! },
        { file: "c.jpg", bytes: c! },
      ]),
    );
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { name: string; relativePath: string }) => [r.name, r.relativePath])).toEqual([
      ["a.jpg", "VERAO/A1/a.jpg"],
      ["b.jpg", "VERAO/B2/b.jpg"],
      ["c.jpg", "VERAO/C3/c.jpg"],
    ]);
    const images = await getPrisma().image.findMany({ orderBy: { id: "asc" } });
    expect(images.map((i) => i.relativePath)).toEqual(["VERAO/A1/a.jpg", "VERAO/B2/b.jpg", "VERAO/C3/c.jpg"]);
  });

  it("keeps `uploadId` + `path` right before each file (the browser client's form)", async () => {
    const { post } = await setup();
    const [a, b] = await photos(2, 3100);
    const res = await post(
      multipart([
        { field: "uploadId", value: "u-a" },
        { field: "path", value: "P/A1/a.jpg" },
        { file: "a.jpg", bytes: a! },
        { field: "uploadId", value: "u-b" },
        { file: "b.jpg", bytes: b! },
      ]),
    );
    const { results } = await res.json();
    expect(results.map((r: { uploadId: string; relativePath: string | null }) => [r.uploadId, r.relativePath])).toEqual(
      [
        ["u-a", "P/A1/a.jpg"],
        ["u-b", "b.jpg"],
      ],
    );
  });

  it("answers a `paths` count mismatch, `paths` after a file and mixed `path`/`paths` with 400, storing nothing", async () => {
    const { post } = await setup();
    const [a, b] = await photos(2, 3200);
    const cases: [string, Part[]][] = [
      [
        "PATHS_COUNT_MISMATCH",
        [
          { field: "paths", value: "X/a.jpg" },
          { file: "a.jpg", bytes: a! },
          { file: "b.jpg", bytes: b! },
        ],
      ],
      [
        "PATHS_COUNT_MISMATCH",
        [
          { field: "paths", value: "X/a.jpg" },
          { field: "paths", value: "X/b.jpg" },
          { field: "paths", value: "X/c.jpg" },
          { file: "a.jpg", bytes: a! },
          { file: "b.jpg", bytes: b! },
        ],
      ],
      [
        "PATHS_AFTER_FILES",
        [
          { field: "paths", value: "X/a.jpg" },
          { file: "a.jpg", bytes: a! },
          { field: "paths", value: "X/b.jpg" },
          { file: "b.jpg", bytes: b! },
        ],
      ],
      [
        "MIXED_PATH_FIELDS",
        [
          { field: "paths", value: "X/a.jpg" },
          { field: "path", value: "X/b.jpg" },
          { file: "a.jpg", bytes: a! },
        ],
      ],
    ];
    for (const [code, parts] of cases) {
      const res = await post(multipart(parts));
      expect(res.status, code).toBe(400);
      expect((await res.json()).details.code).toBe(code);
      await expectNothingStored();
    }
  });

  it("keeps a folder in the part's filename as the relative path, so the folder-name SKU fallback links the photo", async () => {
    const c = await seedCollection("Verão 25");
    const product = await seedProduct("VD25-0101", productScope(c));
    const { post } = await setup(c.collection.id);
    const res = await post(multipart([{ file: "VD25-0101/03.jpg", bytes: await makeJpeg(3300) }]));
    expect(res.status).toBe(200);
    const [result] = (await res.json()).results;
    expect(result).toMatchObject({ status: "stored", name: "03.jpg", relativePath: "VD25-0101/03.jpg" });
    await getPrisma().image.update({ where: { id: result.imageId }, data: { processingStatus: "QUEUED" } });
    expect(await processBatchImage(result.imageId, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("success");
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: result.imageId } });
    expect(image).toMatchObject({
      originalName: "03.jpg",
      relativePath: "VD25-0101/03.jpg",
      productId: product.id,
      matchStatus: "MATCHED",
      sequence: "03",
    });
  });
});
