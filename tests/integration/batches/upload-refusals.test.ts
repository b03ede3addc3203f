import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getBatch } from "@/app/api/v1/batches/[id]/route";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { createBatch } from "@/lib/batches/create-batch";
import { getUploadTargetOrThrow } from "@/lib/batches/get-upload-target";
import { receiveMultipartUpload } from "@/lib/batches/receive-multipart-upload";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

const blobsDir = () => path.join(process.env.VITRINE_DATA_DIR!, "blobs");
function countBlobs(): number {
  const root = path.join(blobsDir(), "objects");
  if (!fs.existsSync(root)) return 0;
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
}

const TEXT = Buffer.from("isto não é uma foto, só texto com nome de .jpg\n".repeat(20));

async function setup() {
  const auth = await apiTokenFor("EDITOR");
  const batch = await createBatch(auth.user, { name: "Recusas" });
  const params = { params: Promise.resolve({ id: batch.id }) };
  const url = `http://localhost/api/v1/batches/${batch.id}`;
  const post = (files: Parameters<typeof uploadForm>[0]) =>
    uploadFiles(
      new Request(`${url}/files`, { method: "POST", body: uploadForm(files), headers: auth.headers }),
      params,
    );
  const detail = async () => {
    const res = await getBatch(new Request(url, { headers: auth.headers }), params);
    expect(res.status).toBe(200);
    return res.json();
  };
  return { batch, post, detail };
}

beforeEach(async () => {
  await truncateAllTables();
  fs.rmSync(blobsDir(), { recursive: true, force: true });
});

describe("a file refused at upload stays on its batch with the reason", () => {
  it("records a text file named .jpg as a refusal with its reason: no image, no upload row, no blob; the batch detail lists it", async () => {
    const { batch, post, detail } = await setup();
    const res = await post([{ name: "nota.jpg", bytes: TEXT, uploadId: "u-text", path: "VERAO/nota.jpg" }]);
    expect(res.status).toBe(415);

    const refusals = await getPrisma().batchUploadRefusal.findMany();
    expect(refusals.map((r) => [r.batchId, r.clientUploadId, r.originalName, r.relativePath, r.code])).toEqual([
      [batch.id, "u-text", "nota.jpg", "VERAO/nota.jpg", "UNSUPPORTED_MEDIA_TYPE"],
    ]);
    expect(refusals[0]!.message).not.toBe("");
    expect(await getPrisma().image.count()).toBe(0);
    expect(await getPrisma().batchUpload.count()).toBe(0);
    expect(countBlobs()).toBe(0);

    const body = await detail();
    expect(body.counts).toMatchObject({ total: 0, refused: 1 });
    expect(body.refusedFiles).toEqual([
      {
        uploadId: "u-text",
        name: "nota.jpg",
        relativePath: "VERAO/nota.jpg",
        error: { code: "UNSUPPORTED_MEDIA_TYPE", message: refusals[0]!.message },
        refusedAt: expect.any(String),
      },
    ]);
    // A refused file does not start the batch's upload phase.
    expect(body.status).toBe("DRAFT");
  });

  it("keeps one refusal when the same upload id is sent again and refused again", async () => {
    const { post, detail } = await setup();
    for (let i = 0; i < 3; i++)
      expect((await post([{ name: "nota.jpg", bytes: TEXT, uploadId: "u-again" }])).status).toBe(415);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(1);
    expect((await detail()).counts.refused).toBe(1);
  });

  it("records an empty file as EMPTY_FILE and, among several files, only the refused ones", async () => {
    const { post, detail } = await setup();
    const photo = await makeJpeg(7100, 8, 8);
    const res = await post([
      { name: "a.jpg", bytes: photo, uploadId: "u-photo" },
      { name: "vazio.jpg", bytes: Buffer.alloc(0), uploadId: "u-empty" },
      { name: "nota.jpg", bytes: TEXT, uploadId: "u-text" },
    ]);
    expect(res.status).toBe(200);
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual([
      "stored",
      "rejected",
      "rejected",
    ]);
    const body = await detail();
    expect(body.counts).toMatchObject({ total: 1, refused: 2 });
    expect(
      body.refusedFiles.map((f: { uploadId: string; error: { code: string } }) => [f.uploadId, f.error.code]),
    ).toEqual([
      ["u-empty", "EMPTY_FILE"],
      ["u-text", "UNSUPPORTED_MEDIA_TYPE"],
    ]);
    expect(countBlobs()).toBe(1);
  });

  it("records a file over the size limit as PAYLOAD_TOO_LARGE and leaves no blob of it", async () => {
    const { batch } = await setup();
    const photo = await makeJpeg(7200, 64, 64);
    const form = uploadForm([
      { name: "grande.jpg", bytes: Buffer.concat([photo, Buffer.alloc(4096)]), uploadId: "u-big" },
    ]);
    const { results } = await receiveMultipartUpload(
      new Request("http://localhost/upload", { method: "POST", body: form }),
      await getUploadTargetOrThrow(batch.id),
      photo.length,
    );
    expect(results.map((r) => r.error?.code)).toEqual(["PAYLOAD_TOO_LARGE"]);
    expect((await getPrisma().batchUploadRefusal.findMany()).map((r) => [r.clientUploadId, r.code])).toEqual([
      ["u-big", "PAYLOAD_TOO_LARGE"],
    ]);
    expect(await getPrisma().image.count()).toBe(0);
    expect(countBlobs()).toBe(0);
  });

  it("does not record a refusal for an upload id the batch already accepted, and drops a refusal once its upload id is accepted", async () => {
    const { post, detail } = await setup();
    const [a, b] = await Promise.all([makeJpeg(7300, 8, 8), makeJpeg(7301, 8, 8)]);
    expect((await post([{ name: "a.jpg", bytes: a, uploadId: "u-a" }])).status).toBe(200);
    expect((await post([{ name: "a.jpg", bytes: TEXT, uploadId: "u-a" }])).status).toBe(415);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(0);

    expect((await post([{ name: "b.jpg", bytes: TEXT, uploadId: "u-b" }])).status).toBe(415);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(1);
    expect((await post([{ name: "b.jpg", bytes: b, uploadId: "u-b" }])).status).toBe(200);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(0);
    expect((await detail()).counts).toMatchObject({ total: 2, refused: 0 });
  });

  it("records no refusal when the file could succeed later (the batch no longer takes files)", async () => {
    const { batch, post } = await setup();
    await getPrisma().batch.update({ where: { id: batch.id }, data: { status: "CANCELLED" } });
    expect((await post([{ name: "nota.jpg", bytes: TEXT, uploadId: "u-late" }])).status).toBe(409);
    expect(await getPrisma().batchUploadRefusal.count()).toBe(0);
  });
});
