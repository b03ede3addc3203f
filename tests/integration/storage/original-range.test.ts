import { beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { GET as getOriginal } from "@/app/api/v1/images/[id]/original/route";
import { createBatch } from "@/lib/batches/create-batch";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;
let imageId: string;
let bytes: Buffer;

const get = (range?: string) =>
  getOriginal(
    new Request(`http://localhost/api/v1/images/${imageId}/original`, {
      headers: { ...auth.headers, ...(range ? { range } : {}) },
    }),
    { params: Promise.resolve({ id: imageId }) },
  );

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  const batch = await createBatch(auth.user, { name: "Intervalos" });
  bytes = await makeJpeg(901);
  const res = await uploadFiles(
    new Request("http://localhost/x", {
      method: "POST",
      body: uploadForm([{ name: "a.jpg", bytes }]),
      headers: auth.headers,
    }),
    { params: Promise.resolve({ id: batch.id }) },
  );
  imageId = (await res.json()).results[0].imageId;
});

describe("GET /api/v1/images/{id}/original with Range", () => {
  it("answers bytes=-0 with 416 and Content-Range bytes */size, not the whole file", async () => {
    const res = await get("bytes=-0");
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    expect((await res.json()).error).toBe("RANGE_NOT_SATISFIABLE");
  });

  it("serves suffix and bounded ranges as 206 with the right bytes", async () => {
    const suffix = await get("bytes=-10");
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get("content-range")).toBe(`bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`);
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10));
    const first = await get("bytes=0-0");
    expect(first.status).toBe(206);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(bytes.subarray(0, 1));
    const whole = await get();
    expect(whole.status).toBe(200);
    expect(Number(whole.headers.get("content-length"))).toBe(bytes.length);
  });
});
