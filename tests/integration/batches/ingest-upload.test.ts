import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { createBatch } from "@/lib/batches/create-batch";
import { ingestUpload } from "@/lib/batches/ingest-upload";
import { receiveMultipartUpload } from "@/lib/batches/receive-multipart-upload";
import { getPrisma } from "@/lib/db/client";
import { getStorage, setStorage } from "@/lib/storage/get-storage";
import { StorageError } from "@/lib/storage/types";
import { truncateAllTables } from "../../support/db";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { makeJpeg } from "../../support/image-fixtures";
import { holdTransaction } from "../../support/held-transaction";

const blobsDir = () => path.join(process.env.VITRINE_DATA_DIR!, "blobs");
function countBlobs(): number {
  const root = path.join(blobsDir(), "objects");
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

async function setup() {
  const auth = await apiTokenFor("EDITOR");
  const batch = await createBatch(auth.user, { name: "Verão 25" });
  const post = (form: FormData) =>
    uploadFiles(
      new Request(`http://localhost/api/v1/batches/${batch.id}/files`, {
        method: "POST",
        body: form,
        headers: auth.headers,
      }),
      {
        params: Promise.resolve({ id: batch.id }),
      },
    );
  return { auth, batch, post };
}

beforeEach(async () => {
  await truncateAllTables();
  fs.rmSync(blobsDir(), { recursive: true, force: true });
});

describe("POST /api/v1/batches/{id}/files", () => {
  it("streams a photo to storage and writes its row with sha256, keeping the folder path", async () => {
    const { batch, post } = await setup();
    const bytes = await makeJpeg(1);
    const res = await post(
      uploadForm([
        { name: "VD24-0001_FRENTE.jpg", bytes, uploadId: "u1", path: "VERAO/VD24-0001/VD24-0001_FRENTE.jpg" },
      ]),
    );
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results[0]).toMatchObject({
      status: "stored",
      name: "VD24-0001_FRENTE.jpg",
      relativePath: "VERAO/VD24-0001/VD24-0001_FRENTE.jpg",
    });
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: results[0].imageId } });
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(image.bytes)).toBe(bytes.length);
    expect(image.contentType).toBe("image/jpeg");
    expect(image.storageKey).toMatch(/^originals\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    expect(image.processingStatus).toBe("UPLOADED");
    expect(countBlobs()).toBe(1);
    expect((await getPrisma().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("UPLOADING");
  });

  it("never creates a duplicate when the same upload id is retried", async () => {
    const { post } = await setup();
    const bytes = await makeJpeg(2);
    const first = await (await post(uploadForm([{ name: "a.jpg", bytes, uploadId: "same" }]))).json();
    const second = await (await post(uploadForm([{ name: "a.jpg", bytes, uploadId: "same" }]))).json();
    expect(second.results[0]).toMatchObject({ status: "already_uploaded", imageId: first.results[0].imageId });
    expect(await getPrisma().image.count()).toBe(1);
    expect(await getPrisma().batchUpload.count()).toBe(1);
    expect(countBlobs()).toBe(1);
  });

  it("links a file already in the bank instead of storing it twice", async () => {
    const { post } = await setup();
    const bytes = await makeJpeg(3);
    const first = await (await post(uploadForm([{ name: "a.jpg", bytes, uploadId: "a" }]))).json();
    const other = await setup();
    const second = await (await other.post(uploadForm([{ name: "copia.jpg", bytes, uploadId: "b" }]))).json();
    expect(second.results[0]).toMatchObject({ status: "duplicate", imageId: first.results[0].imageId });
    expect(await getPrisma().image.count()).toBe(1);
    expect(countBlobs()).toBe(1);
  });

  it("ends twenty concurrent uploads of the same photo as one stored image", async () => {
    const { post } = await setup();
    const bytes = await makeJpeg(4);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(uploadForm([{ name: `c${i}.jpg`, bytes, uploadId: `c${i}` }]))),
    );
    const statuses = (await Promise.all(responses.map((r) => r.json()))).map((b) => b.results[0].status);
    expect(statuses.filter((s) => s === "stored")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(19);
    expect(await getPrisma().image.count()).toBe(1);
    expect(await getPrisma().batchUpload.count()).toBe(20);
    expect(countBlobs()).toBe(1);
  });

  it("records one upload when the same upload id races with itself, even with other bytes, leaving no orphan row or blob", async () => {
    const { post } = await setup();
    const photos = await Promise.all(Array.from({ length: 8 }, (_, i) => makeJpeg(40 + i)));
    const responses = await Promise.all(
      photos.map((bytes) => post(uploadForm([{ name: "mesmo.jpg", bytes, uploadId: "same-id" }]))),
    );
    const results = (await Promise.all(responses.map((r) => r.json()))).map((b) => b.results[0]);
    expect(results.filter((r) => r.status === "stored")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already_uploaded")).toHaveLength(7);
    expect(new Set(results.map((r) => r.imageId)).size).toBe(1);
    expect(await getPrisma().batchUpload.count()).toBe(1);
    expect(await getPrisma().image.count()).toBe(1);
    expect(countBlobs()).toBe(1);
  });

  it("rejects a .jpg that is really HTML with 415 and stores nothing", async () => {
    const { post } = await setup();
    const res = await post(
      uploadForm([{ name: "foto.jpg", bytes: Buffer.from("<!doctype html><script>alert(1)</script>"), uploadId: "h" }]),
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await getPrisma().image.count()).toBe(0);
    expect(countBlobs()).toBe(0);
  });

  it("rejects a zero-byte file", async () => {
    const { post } = await setup();
    const res = await post(uploadForm([{ name: "vazio.jpg", bytes: Buffer.alloc(0), uploadId: "z" }]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.details.results[0].error.code).toBe("EMPTY_FILE");
    expect(await getPrisma().image.count()).toBe(0);
  });

  it("answers 413 for a file over the limit before storing its bytes", async () => {
    const { batch } = await setup();
    const big = Buffer.concat([await makeJpeg(5), Buffer.alloc(200_000)]);
    await expect(
      ingestUpload({
        batch: { ...batch, status: "DRAFT", brandId: null, collectionId: null },
        uploadId: "big",
        fileName: "big.jpg",
        relativePath: null,
        body: Readable.from([big]),
        maxBytes: 100_000,
      }),
    ).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(await getPrisma().image.count()).toBe(0);
    expect(countBlobs()).toBe(0);
  });

  it("sanitises names with ../ and control characters; they never reach the storage key", async () => {
    const { post } = await setup();
    const res = await post(
      uploadForm([
        {
          name: "../../etc/passwd.jpg",
          bytes: await makeJpeg(6),
          uploadId: "n",
          path: "../../evil/\u0001dir/../x\u0007y\u202e.jpg",
        },
      ]),
    );
    const body = await res.json();
    expect(body, JSON.stringify(body)).toHaveProperty("results");
    const { results } = body;
    expect(results[0].status).toBe("stored");
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: results[0].imageId } });
    expect(image.originalName).toBe("xy.jpg");
    expect(image.relativePath).toBe("evil/dir/xy.jpg");
    expect(image.storageKey).not.toMatch(/evil|\.\.|xy/);
  });

  it("keeps reading a multi-file request after a rejected file: each file gets its own result", async () => {
    const { post } = await setup();
    const res = await post(
      uploadForm([
        { name: "a.jpg", bytes: await makeJpeg(11), uploadId: "m1" },
        { name: "pagina.jpg", bytes: Buffer.from("<html>".repeat(20_000)), uploadId: "m2" },
        { name: "vazio.jpg", bytes: Buffer.alloc(0), uploadId: "m3" },
        { name: "b.jpg", bytes: await makeJpeg(12), uploadId: "m4" },
      ]),
    );
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { status: string; error?: { code: string } }) => r.error?.code ?? r.status)).toEqual([
      "stored",
      "UNSUPPORTED_MEDIA_TYPE",
      "EMPTY_FILE",
      "stored",
    ]);
    expect(await getPrisma().image.count()).toBe(2);
    expect(countBlobs()).toBe(2);
  });

  it("rejects an oversized file inside a multipart request with 413 and still reads the file after it", async () => {
    const { batch } = await setup();
    const form = uploadForm([
      { name: "grande.jpg", bytes: Buffer.concat([await makeJpeg(15), Buffer.alloc(3_000_000)]), uploadId: "g" },
      { name: "pequena.jpg", bytes: await makeJpeg(16), uploadId: "p" },
    ]);
    const request = new Request(`http://localhost/api/v1/batches/${batch.id}/files`, { method: "POST", body: form });
    const { results } = await receiveMultipartUpload(
      request,
      { ...batch, status: "DRAFT", brandId: null, collectionId: null },
      1_000_000,
    );
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual(["PAYLOAD_TOO_LARGE", "stored"]);
    expect(await getPrisma().image.count()).toBe(1);
    expect(countBlobs()).toBe(1);
  });

  it("keeps the files completed before a request breaks off, and leaves nothing of the broken one", async () => {
    const { auth, batch } = await setup();
    const boundary = "----vitrine-test";
    const part = (name: string, bytes: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        bytes,
        Buffer.from("\r\n"),
      ]);
    const second = await makeJpeg(14);
    // Erroring a web stream drops what is still queued, so each chunk is handed out on its own pull.
    const chunks = [
      part("inteira.jpg", await makeJpeg(13)),
      part("cortada.jpg", second).subarray(0, 200 + second.length / 2),
    ];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.error(new Error("connection reset"));
      },
    });
    const res = await uploadFiles(
      new Request(`http://localhost/api/v1/batches/${batch.id}/files`, {
        method: "POST",
        body,
        duplex: "half",
        headers: { ...auth.headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      } as RequestInit),
      { params: Promise.resolve({ id: batch.id }) },
    );
    expect(res.status).toBe(400);
    const images = await getPrisma().image.findMany();
    expect(images.map((i) => i.originalName)).toEqual(["inteira.jpg"]);
    expect(countBlobs()).toBe(1);
  });

  it("answers a multi-file request whose storage fails in the middle of a file: that file is rejected, the next one is stored", async () => {
    const { post } = await setup();
    const real = getStorage();
    let failNextOriginal = true;
    // A disk that fails while the first original is being written (the driver stops reading the body, as on ENOSPC).
    setStorage({
      ...real,
      put: async (key, body, opts) => {
        if (failNextOriginal && key.startsWith("originals/") && !Buffer.isBuffer(body)) {
          failNextOriginal = false;
          for await (const chunk of body) {
            void chunk;
            throw new StorageError("STORAGE_UNAVAILABLE", "No space left on device");
          }
        }
        return real.put(key, body, opts);
      },
    });
    try {
      const big = Buffer.concat([await makeJpeg(21), crypto.randomBytes(3_000_000)]);
      const res = await post(
        uploadForm([
          { name: "falha.jpg", bytes: big, uploadId: "s1" },
          { name: "depois.jpg", bytes: await makeJpeg(22), uploadId: "s2" },
        ]),
      );
      expect(res.status).toBe(200);
      const { results } = await res.json();
      expect(results.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
        ["falha.jpg", "rejected"],
        ["depois.jpg", "stored"],
      ]);
      expect(results[0].error.code).toBe("SERVICE_UNAVAILABLE");
      const images = await getPrisma().image.findMany();
      expect(images.map((i) => i.originalName)).toEqual(["depois.jpg"]);
      expect(countBlobs()).toBe(1);
    } finally {
      setStorage(real);
    }
  }, 20_000);

  it("leaves no row and no blob when the stream is interrupted", async () => {
    const { batch } = await setup();
    const head = (await makeJpeg(7)).subarray(0, 100);
    const broken = new Readable({
      read() {
        this.push(head);
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(
      ingestUpload({
        batch: { ...batch, status: "UPLOADING", brandId: null, collectionId: null },
        uploadId: "x",
        fileName: "x.jpg",
        relativePath: null,
        body: broken,
        maxBytes: 10_000_000,
      }),
    ).rejects.toBeTruthy();
    expect(await getPrisma().image.count()).toBe(0);
    expect(await getPrisma().batchUpload.count()).toBe(0);
    expect(countBlobs()).toBe(0);
  });
});

describe("a file recorded while its batch is being started", () => {
  it("is queued with a job even though its statement read the batch before the start committed", async () => {
    const { batch } = await setup();
    // The start (another connection) moves the batch and has not committed: the upload's statement
    // reads the batch as a draft (its snapshot), records the file as waiting, and waits for the row.
    const start = await holdTransaction(
      (tx) => tx.$executeRaw`UPDATE "Batch" SET "status" = 'QUEUED' WHERE "id" = ${batch.id}::uuid`,
      30_000,
    );
    try {
      const upload = ingestUpload({
        batch: { ...batch, status: "DRAFT", brandId: null, collectionId: null },
        uploadId: "during-start",
        fileName: "VD24-0001_01.jpg",
        relativePath: null,
        body: Readable.from([await makeJpeg(41)]),
        maxBytes: 10_000_000,
      });
      // The upload waits on the batch row held by the start (it is that far, its file recorded).
      await expect
        .poll(
          async () =>
            (
              await getPrisma().$queryRaw<{ n: number }[]>`
                SELECT count(*)::int AS n FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "query" LIKE '%INSERT INTO "BatchUpload"%'`
            )[0]!.n,
          { timeout: 10_000, interval: 50 },
        )
        .toBe(1);
      // The start had looked for waiting files before this one existed; it commits now.
      await start.commit();
      const result = await upload;
      expect(result.status).toBe("stored");
      const image = await getPrisma().image.findUniqueOrThrow({ where: { id: result.imageId! } });
      expect(image.processingStatus).toBe("QUEUED");
      const [jobs] = await getPrisma().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pgboss.job WHERE "name" = 'image.process' AND "data"->>'imageId' = ${image.id}`;
      expect(jobs!.n).toBe(1);
    } finally {
      await start.commit().catch(() => undefined);
    }
  });
});
