import { beforeEach, describe, expect, it } from "vitest";
import { GET as getBatch } from "@/app/api/v1/batches/[id]/route";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { GET as listImagesRoute } from "@/app/api/v1/images/route";
import { createBatch } from "@/lib/batches/create-batch";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

let auth: Awaited<ReturnType<typeof apiTokenFor>>;

async function newBatch(name: string) {
  const batch = await createBatch(auth.user, { name });
  const post = async (files: Parameters<typeof uploadForm>[0]) => {
    const res = await uploadFiles(
      new Request(`http://localhost/api/v1/batches/${batch.id}/files`, {
        method: "POST",
        body: uploadForm(files),
        headers: auth.headers,
      }),
      {
        params: Promise.resolve({ id: batch.id }),
      },
    );
    expect(res.status).toBe(200);
    return (await res.json()).results as { status: string; imageId: string; name: string }[];
  };
  return { batch, post };
}

async function listNames(query: string): Promise<string[]> {
  const res = await listImagesRoute(new Request(`http://localhost/api/v1/images?${query}`, { headers: auth.headers }), {
    params: Promise.resolve({}),
  });
  expect(res.status).toBe(200);
  return (await res.json()).items.map((i: { originalName: string }) => i.originalName);
}

beforeEach(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
});

describe("image lists", () => {
  it("list images in arrival order: uploaded one after another, in separate requests and in one request", async () => {
    const all: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { batch, post } = await newBatch(`Ordem ${round}`);
      const names = Array.from({ length: 12 }, (_, i) => `r${round}-${String(i).padStart(2, "0")}.jpg`);
      for (const [i, name] of names.slice(0, 6).entries())
        await post([{ name, bytes: await makeJpeg(round * 100 + i, 8, 8) }]);
      await post(
        await Promise.all(
          names.slice(6).map(async (name, i) => ({ name, bytes: await makeJpeg(round * 100 + 50 + i, 8, 8) })),
        ),
      );
      expect(await listNames(`batchId=${batch.id}`)).toEqual(names);
      all.push(...names);
    }
    expect(await listNames("limit=500")).toEqual(all);
  });

  it("pages a batch's images by cursor and applies the filters", async () => {
    const { batch, post } = await newBatch("Páginas");
    const names = Array.from({ length: 7 }, (_, i) => `VD24-000${i}_01.jpg`);
    await post(await Promise.all(names.map(async (name, i) => ({ name, bytes: await makeJpeg(500 + i, 8, 8) }))));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await listImagesRoute(
        new Request(`http://localhost/api/v1/images?batchId=${batch.id}&limit=3${cursor ? `&cursor=${cursor}` : ""}`, {
          headers: auth.headers,
        }),
        { params: Promise.resolve({}) },
      );
      const body = (await res.json()) as { items: { originalName: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.originalName));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(names);
    expect(await listNames(`batchId=${batch.id}&processingStatus=UPLOADED`)).toEqual(names);
    expect(await listNames(`batchId=${batch.id}&processingStatus=READY`)).toEqual([]);
    expect(await listNames(`batchId=${batch.id}&matchStatus=PENDING&status=PENDENTE&sku=nenhum`)).toEqual([]);
  });

  it("lists a batch's image once when the batch received a duplicate, and reports the duplicate files by name", async () => {
    const bytes = await makeJpeg(7);
    const other = await newBatch("Outro lote");
    await other.post([{ name: "primeira.jpg", bytes: await makeJpeg(8), uploadId: "p1" }]);
    const { batch, post } = await newBatch("Com duplicadas");
    await post([{ name: "a.jpg", bytes, uploadId: "a" }]);
    const results = await post([
      { name: "copia.jpg", bytes, uploadId: "b" },
      { name: "de-outro-lote.jpg", bytes: await makeJpeg(8), uploadId: "c" },
    ]);
    expect(results.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);

    const res = await listImagesRoute(
      new Request(`http://localhost/api/v1/images?batchId=${batch.id}`, { headers: auth.headers }),
      { params: Promise.resolve({}) },
    );
    const { items } = await res.json();
    expect(items.map((i: { originalName: string; isDuplicate: boolean }) => [i.originalName, i.isDuplicate])).toEqual([
      ["primeira.jpg", true],
      ["a.jpg", false],
    ]);
    expect(new Set(items.map((i: { id: string }) => i.id)).size).toBe(items.length);

    const detail = await (
      await getBatch(new Request(`http://localhost/api/v1/batches/${batch.id}`, { headers: auth.headers }), {
        params: Promise.resolve({ id: batch.id }),
      })
    ).json();
    expect(detail.counts.duplicates).toBe(2);
    expect(detail.duplicateFiles.map((f: { name: string; duplicateOf: string }) => [f.name, f.duplicateOf])).toEqual([
      ["copia.jpg", "a.jpg"],
      ["de-outro-lote.jpg", "primeira.jpg"],
    ]);
  });
});
