// Real answers of the routes the browser reads, parsed by the strict schemas its types are
// inferred from: a field the server adds, drops or changes without the schema fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { POST as uploadFiles } from "@/app/api/v1/batches/[id]/files/route";
import { GET as getProgress } from "@/app/api/v1/batches/[id]/progress/route";
import { GET as getBatch } from "@/app/api/v1/batches/[id]/route";
import { POST as checkUploads } from "@/app/api/v1/batches/[id]/uploads/check/route";
import { GET as listBatches, POST as createBatch } from "@/app/api/v1/batches/route";
import { GET as listBrands, POST as createBrand } from "@/app/api/v1/brands/route";
import { GET as getImport } from "@/app/api/v1/carteira/imports/[id]/route";
import { GET as listImports, POST as postImport } from "@/app/api/v1/carteira/imports/route";
import { POST as postPreview } from "@/app/api/v1/carteira/previews/route";
import { GET as listCollections, POST as createCollection } from "@/app/api/v1/collections/route";
import { GET as getCandidates } from "@/app/api/v1/images/[id]/candidates/route";
import { GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { POST as postBulk } from "@/app/api/v1/images/bulk/route";
import { GET as listDuplicates } from "@/app/api/v1/images/duplicates/route";
import { GET as getImageFacets } from "@/app/api/v1/images/facets/route";
import { GET as listSkuGroups } from "@/app/api/v1/products/groups/route";
import { GET as listImages } from "@/app/api/v1/images/route";
import { GET as getRun } from "@/app/api/v1/reconcile/[runId]/route";
import {
  batchDetailSchema,
  batchPageSchema,
  batchProgressSchema,
  uploadsCheckResultSchema,
} from "@/lib/batches/schemas";
import {
  carteiraPreviewSchema,
  importDetailSchema,
  importPageSchema,
  importStartedSchema,
  importSummarySchema,
} from "@/lib/carteira/import/schemas";
import { brandListSchema, brandSchema, collectionListSchema, collectionSchema } from "@/lib/catalog/schemas";
import { getPrisma } from "@/lib/db/client";
import { duplicateGroupPageSchema } from "@/lib/duplicates/schemas";
import { bulkActionResultSchema } from "@/lib/images/bulk/schemas";
import { imageDetailSchema, imageFacetsSchema, imagePageSchema } from "@/lib/images/schemas";
import { skuGroupPageSchema } from "@/lib/products/schemas";
import { processBatchImage } from "@/lib/batches/process-batch-image";
import { stopBoss } from "@/lib/jobs/boss";
import { imageCandidatesSchema, reconciliationRunSchema } from "@/lib/reconciliation/schemas";
import { startReconciliation } from "@/lib/reconciliation/start-reconciliation";
import { normalizeSkuKey } from "@/lib/sku";
import { win1252 } from "../../fixtures/carteira/build-fixtures";
import { apiTokenFor, uploadForm } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { makeJpeg } from "../../support/image-fixtures";

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let auth: Auth;
let batchId: string;
let collectionId: string;

const url = (path: string) => `http://localhost${path}`;
const get = (path: string) => new Request(url(path), { headers: auth.headers });
const post = (path: string, body: unknown) =>
  new Request(url(path), {
    method: "POST",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const postForm = (path: string, form: FormData) =>
  new Request(url(path), { method: "POST", headers: auth.headers, body: form });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const carteiraForm = (csv: string, name: string, fields: Record<string, string> = {}) => {
  const form = new FormData();
  form.set("file", new File([win1252(csv) as BlobPart], name));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
};

async function parsed<S extends z.ZodType>(schema: S, response: Response): Promise<z.infer<S>> {
  const body: unknown = await response.json();
  expect(response.status, JSON.stringify(body)).toBeLessThan(300);
  const result = schema.safeParse(body);
  expect(result.error?.issues ?? []).toEqual([]);
  return result.data!;
}

beforeAll(async () => {
  await truncateAllTables();
  auth = await apiTokenFor("EDITOR");
  const brand = await parsed(
    brandSchema,
    await createBrand(post("/api/v1/brands", { name: "Marca Esquema" }), params({})),
  );
  const collection = await parsed(
    collectionSchema,
    await createCollection(
      post("/api/v1/collections", { brandId: brand.id, name: "Verão 26", year: 2026 }),
      params({}),
    ),
  );
  const batch = await parsed(
    batchDetailSchema,
    await createBatch(post("/api/v1/batches", { name: "Lote esquema", collectionId: collection.id }), params({})),
  );
  batchId = batch.id;
  collectionId = collection.id;
  // One processed photo, one waiting and one duplicate, so the optional fields are filled and empty.
  const [first, second] = [await makeJpeg(4100), await makeJpeg(4101)];
  const form = uploadForm([
    { name: "VD26-0001_01.jpg", bytes: first, uploadId: "u1" },
    { name: "VD26-0002_01.jpg", bytes: second, uploadId: "u2" },
    { name: "copia.jpg", bytes: first, uploadId: "u3" },
  ]);
  const upload = await uploadFiles(
    new Request(url(`/api/v1/batches/${batchId}/files`), { method: "POST", headers: auth.headers, body: form }),
    params({ id: batchId }),
  );
  expect(upload.status).toBe(200);
  const processed = await getPrisma().image.findFirstOrThrow({ where: { batchId, originalName: "VD26-0001_01.jpg" } });
  await getPrisma().image.update({ where: { id: processed.id }, data: { processingStatus: "QUEUED" } });
  expect(await processBatchImage(processed.id, { jobId: "t", attempt: 1, isLastAttempt: true })).toBe("success");
});

afterAll(stopBoss); // the queued carteira import starts pg-boss

describe("answers of the routes the browser reads match their schemas", () => {
  it("batches: list, detail with duplicates, progress, uploads check", async () => {
    const page = await parsed(batchPageSchema, await listBatches(get("/api/v1/batches?limit=10"), params({})));
    expect(page.items.map((b) => b.id)).toEqual([batchId]);
    const detail = await parsed(
      batchDetailSchema,
      await getBatch(get(`/api/v1/batches/${batchId}`), params({ id: batchId })),
    );
    expect(detail.duplicateFiles).toHaveLength(1);
    expect(detail.brand?.name).toBe("Marca Esquema");
    const progress = await parsed(
      batchProgressSchema,
      await getProgress(get(`/api/v1/batches/${batchId}/progress`), params({ id: batchId })),
    );
    expect(progress.total).toBe(3);
    const check = await parsed(
      uploadsCheckResultSchema,
      await checkUploads(
        post(`/api/v1/batches/${batchId}/uploads/check`, { uploadIds: ["u1", "nope"] }),
        params({ id: batchId }),
      ),
    );
    expect(check.existing).toEqual(["u1"]);
  });

  it("images of a batch, processed and not", async () => {
    const page = await parsed(imagePageSchema, await listImages(get(`/api/v1/images?batchId=${batchId}`), params({})));
    expect(page.items.map((i) => i.processingStatus).sort()).toEqual(["READY", "UPLOADED"]);
    expect(page.items.some((i) => i.thumbnailUrl !== null)).toBe(true);
  });

  it("the catalog: a sorted, searched page, the facets, an image's detail and its edit", async () => {
    const page = await parsed(
      imagePageSchema,
      await listImages(get(`/api/v1/images?sort=sku&q=vd26&hasProduct=false&limit=1`), params({})),
    );
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const facets = await parsed(
      imageFacetsSchema,
      await getImageFacets(get(`/api/v1/images/facets?q=vd26`), params({})),
    );
    expect(facets.total).toBe(2);
    const id = page.items[0]!.id;
    const detail = await parsed(imageDetailSchema, await getImage(get(`/api/v1/images/${id}`), params({ id })));
    expect(detail.batch.id).toBe(batchId);
    const edited = await parsed(
      imageDetailSchema,
      await patchImage(
        new Request(url(`/api/v1/images/${id}`), {
          method: "PATCH",
          headers: { ...auth.headers, "content-type": "application/json" },
          body: JSON.stringify({ aiDescription: "Descrição", aiTags: ["a"], status: "APROVADO" }),
        }),
        params({ id }),
      ),
    );
    expect(edited.audit.map((a) => a.action).sort()).toEqual(["IMAGE_EDITED", "IMAGE_STATUS_CHANGED"]);
  });

  it("the catalog's por SKU groups", async () => {
    const page = await parsed(
      skuGroupPageSchema,
      await listSkuGroups(get(`/api/v1/products/groups?q=vd26&limit=1`), params({})),
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.images.length).toBeGreaterThan(0);
  });

  it("a bulk action done in the request and the near-duplicate groups", async () => {
    const images = await getPrisma().image.findMany({ where: { batchId }, select: { id: true }, take: 2 });
    const result = await parsed(
      bulkActionResultSchema,
      await postBulk(
        post("/api/v1/images/bulk", {
          selection: { imageIds: images.map((i) => i.id) },
          action: "setStatus",
          status: "APROVADO",
        }),
        params({}),
      ),
    );
    expect(result.changed + result.skipped).toBe(images.length);
    const groups = await parsed(
      duplicateGroupPageSchema,
      await listDuplicates(get(`/api/v1/images/duplicates?batchId=${batchId}`), params({})),
    );
    expect(Array.isArray(groups.groups)).toBe(true);
  });

  it("brands and collections lists", async () => {
    expect((await parsed(brandListSchema, await listBrands(get("/api/v1/brands"), params({})))).items).toHaveLength(1);
    const collections = await parsed(
      collectionListSchema,
      await listCollections(get("/api/v1/collections"), params({})),
    );
    expect(collections.items[0]?.brand.name).toBe("Marca Esquema");
  });

  it("a reconciliation run", async () => {
    const { runId } = await startReconciliation(auth.user, { batchId }, async () => {});
    const run = await parsed(
      reconciliationRunSchema,
      await getRun(get(`/api/v1/reconcile/${runId}`), params({ runId })),
    );
    expect(run).toMatchObject({ id: runId, status: "QUEUED", isDone: false });
  });

  it("carteira: preview, an import done at once, a refused one, a queued one, the history and one import", async () => {
    const preview = await parsed(
      carteiraPreviewSchema,
      await postPreview(
        postForm("/api/v1/carteira/previews", carteiraForm("SKU;NOME;PRECO\r\nA-1;x;10\r\nA-1;y;5\r\n", "p.csv")),
        params({}),
      ),
    );
    expect(preview.duplicates.map((d) => d.sku)).toEqual(["A-1"]);

    // A non-numeric price is a warning with its parameters; the import still runs.
    const done = await postImport(
      postForm(
        "/api/v1/carteira/imports",
        carteiraForm("SKU;NOME;PRECO\r\nS-1;x;10\r\nS-2;y;abc\r\n", "s.csv", {
          mapping: JSON.stringify({ NOME: "nome_peca" }),
        }),
      ),
      params({}),
    );
    expect(done.status).toBe(201);
    const summary = await parsed(importSummarySchema, done);
    expect(summary.errors.map((e) => e.code)).toEqual(["INVALID_NUMBER"]);

    const refused = await postImport(
      postForm("/api/v1/carteira/imports", carteiraForm("SKU;NOME\r\nD-1;x\r\nD-1;y\r\n", "d.csv")),
      params({}),
    );
    expect(refused.status).toBe(422);
    const refusal = (await refused.json()) as { error: string; details: unknown };
    expect(refusal.error).toBe("IMPORT_FAILED");
    const refusedSummary = importSummarySchema.safeParse(refusal.details);
    expect(refusedSummary.error?.issues ?? []).toEqual([]);
    expect(refusedSummary.data?.status).toBe("FAILED");

    const big = ["SKU;NOME", ...Array.from({ length: 6000 }, (_, i) => `BIG-${i};Peça ${i}`)].join("\r\n");
    const queuedAnswer = await postImport(
      postForm("/api/v1/carteira/imports", carteiraForm(big, "grande.csv")),
      params({}),
    );
    expect(queuedAnswer.status).toBe(202);
    const queued = await parsed(importStartedSchema, queuedAnswer);
    const pending = await parsed(
      importDetailSchema,
      await getImport(get(`/api/v1/carteira/imports/${queued.id}`), params({ id: queued.id })),
    );
    expect(pending).toMatchObject({ status: "PENDING", errors: [] });

    const page = await parsed(
      importPageSchema,
      await listImports(get("/api/v1/carteira/imports?limit=10"), params({})),
    );
    expect(page.items.map((i) => i.fileName).sort()).toEqual(["d.csv", "grande.csv", "s.csv"]);
    const detail = await parsed(
      importDetailSchema,
      await getImport(get(`/api/v1/carteira/imports/${summary.id}`), params({ id: summary.id })),
    );
    expect(detail).toMatchObject({ status: "COMPLETED", mapping: { NOME: "nome_peca" } });
    expect(detail.errors).toHaveLength(1);
  });

  it("the SKU candidates of a photo, one with the typo it seems to have", async () => {
    const image = await getPrisma().image.findFirstOrThrow({ where: { batchId, originalName: "VD26-0001_01.jpg" } });
    for (const sku of ["VD26-0001", "VD26-O001"])
      await getPrisma().product.create({ data: { sku, skuKey: normalizeSkuKey(sku), collectionId } });
    const answer = await parsed(
      imageCandidatesSchema,
      await getCandidates(get(`/api/v1/images/${image.id}/candidates`), params({ id: image.id })),
    );
    expect(answer.image.id).toBe(image.id);
    expect(answer.candidates.map((c) => c.sku)).toContain("VD26-0001");
    expect(answer.candidates.some((c) => c.typoEdits && c.typoEdits.length > 0)).toBe(true);
  });
});
