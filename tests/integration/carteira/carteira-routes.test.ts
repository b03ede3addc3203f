import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getImport } from "@/app/api/v1/carteira/imports/[id]/route";
import { GET as listImports, POST as postImport } from "@/app/api/v1/carteira/imports/route";
import { POST as postPreview } from "@/app/api/v1/carteira/previews/route";
import { runCarteiraImportJob } from "@/lib/carteira/import/carteira-import-handler";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { win1252, xlsxLikeZip } from "../../fixtures/carteira/build-fixtures";
import { truncateAllTables } from "../../support/db";
import { apiUser, callRoute, multipart } from "./helpers";

const CSV = win1252(
  "CARTEIRA VERÃO\r\n\r\nREFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO;COR;OBS\r\nVD-1;Vestido;Marca X;Verão;Azul;a\r\nVD-2;Saia;Marca X;Verão;Rosa;b\r\n",
);

beforeEach(truncateAllTables);
afterAll(stopBoss);

const post = (handler: typeof postImport, url: string, headers: Record<string, string>, form: FormData) =>
  callRoute(handler, url, { method: "POST", headers, body: form });

describe("POST /api/v1/carteira/previews", () => {
  it("returns the header row, detected mapping (header → field), first rows and duplicates", async () => {
    const { headers } = await apiUser();
    const res = await post(
      postPreview,
      "/api/v1/carteira/previews",
      headers,
      multipart({ file: { bytes: CSV, name: "c.csv" } }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      kind: "csv",
      missingSku: false,
      duplicates: [],
      availableSheets: [{ name: "c.csv", hidden: false }],
    });
    expect(body.sheets[0]).toMatchObject({
      name: "c.csv",
      headerRowNumber: 3,
      headers: ["REFERÊNCIA", "DESCRIÇÃO", "MARCA", "COLEÇÃO", "COR", "OBS"],
      missingSku: false,
      totalRows: 2,
    });
    expect(body.sheets[0].mapping).toEqual({
      REFERÊNCIA: "sku",
      DESCRIÇÃO: "nome_peca",
      MARCA: "marca",
      COLEÇÃO: "colecao",
      COR: "cor",
      OBS: null,
    });
    expect(body.sheets[0].rows[0]).toEqual({ line: 4, cells: ["VD-1", "Vestido", "Marca X", "Verão", "Azul", "a"] });
  });

  it("flags a file with no SKU column instead of failing", async () => {
    const { headers } = await apiUser();
    const res = await post(
      postPreview,
      "/api/v1/carteira/previews",
      headers,
      multipart({ file: { bytes: win1252("MODELO;COR\r\nx;y\r\n"), name: "s.csv" } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ missingSku: true, sheets: [{ missingSku: true }] });
  });
});

describe("POST /api/v1/carteira/imports", () => {
  it("imports a small file at once (201 summary), then lists it in the history and by id", async () => {
    const { headers, user } = await apiUser();
    const res = await post(
      postImport,
      "/api/v1/carteira/imports",
      headers,
      multipart({ file: { bytes: CSV, name: "c.csv" }, mapping: JSON.stringify({ OBS: "fornecedor" }) }),
    );
    expect(res.status).toBe(201);
    const summary = await res.json();
    expect(summary).toMatchObject({
      status: "COMPLETED",
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
      totalRows: 2,
    });
    expect((await getPrisma().product.findUniqueOrThrow({ where: { sku: "VD-1" } })).extra).toEqual({
      fornecedor: "a",
    });

    const list = await (await callRoute(listImports, "/api/v1/carteira/imports?limit=10", { headers })).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: summary.id,
        fileName: "c.csv",
        status: "COMPLETED",
        created: 2,
        user: expect.objectContaining({ id: user.id }),
      }),
    ]);
    const one = await callRoute(getImport, `/api/v1/carteira/imports/${summary.id}`, { headers }, { id: summary.id });
    expect(await one.json()).toMatchObject({ id: summary.id, processedRows: 2, totalRows: 2 });
    expect((await callRoute(getImport, "/api/v1/carteira/imports/x", { headers }, { id: "nope" })).status).toBe(404);
  });

  it("answers 422 IMPORT_FAILED with the row errors and writes nothing", async () => {
    const { headers } = await apiUser();
    const dup = win1252("SKU;NOME\r\nA-1;x\r\nA-2;y\r\nA-1;z\r\n");
    const res = await post(
      postImport,
      "/api/v1/carteira/imports",
      headers,
      multipart({ file: { bytes: dup, name: "d.csv" } }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({
      error: "IMPORT_FAILED",
      details: { status: "FAILED", errors: [{ sheet: "d.csv", line: 4, code: "DUPLICATE_SKU" }] },
    });
    expect(await getPrisma().product.count()).toBe(0);
  });

  it.each([
    ["empty file", new Uint8Array(0), "vazio.csv", 400, "EMPTY_FILE"],
    [
      "not a spreadsheet",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      "foto.png",
      415,
      "NOT_A_SPREADSHEET",
    ],
    [
      "zip bomb",
      xlsxLikeZip([{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(50 * 1024 * 1024) }]),
      "bomba.xlsx",
      413,
      "ZIP_BOMB",
    ],
    ["no SKU column", win1252("MODELO;COR\r\nx;y\r\n"), "s.csv", 422, "NO_SKU_COLUMN"],
  ])("refuses %s with its code", async (_label, bytes, name, status, code) => {
    const { headers } = await apiUser();
    for (const handler of [postImport, postPreview]) {
      const res = await post(handler, "/api/v1/carteira/imports", headers, multipart({ file: { bytes, name } }));
      if (handler === postPreview && code === "NO_SKU_COLUMN") continue;
      expect(res.status, name).toBe(status);
      expect((await res.json()).error).toBe(code);
    }
    expect(await getPrisma().product.count()).toBe(0);
  });

  it("refuses a missing file, bad JSON fields and an unknown default brand", async () => {
    const { headers } = await apiUser();
    expect((await post(postImport, "/api/v1/carteira/imports", headers, multipart({ mapping: "{}" }))).status).toBe(
      400,
    );
    const bad = await post(
      postImport,
      "/api/v1/carteira/imports",
      headers,
      multipart({ file: { bytes: CSV, name: "c.csv" }, mapping: "{not json" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("VALIDATION_FAILED");
    const unknown = await post(
      postImport,
      "/api/v1/carteira/imports",
      headers,
      multipart({ file: { bytes: CSV, name: "c.csv" }, brandId: "01900000-0000-7000-8000-000000000000" }),
    );
    expect(unknown.status).toBe(404);
  });

  it("requires EDITOR to import; VIEWER can read the history", async () => {
    const { headers } = await apiUser("VIEWER");
    expect(
      (await post(postImport, "/api/v1/carteira/imports", headers, multipart({ file: { bytes: CSV, name: "c.csv" } })))
        .status,
    ).toBe(403);
    expect((await callRoute(listImports, "/api/v1/carteira/imports", { headers })).status).toBe(200);
    expect((await callRoute(listImports, "/api/v1/carteira/imports", {})).status).toBe(401);
  });

  it("queues a big file (202) and the job imports it with progress; a second run is skipped", async () => {
    const { headers } = await apiUser();
    const lines = ["REFERÊNCIA;DESCRIÇÃO;MARCA;COLEÇÃO"];
    for (let i = 0; i < 6000; i++) lines.push(`BIG-${String(i).padStart(5, "0")};Peça ${i};Marca Grande;Inverno`);
    const res = await post(
      postImport,
      "/api/v1/carteira/imports",
      headers,
      multipart({ file: { bytes: win1252(lines.join("\r\n")), name: "grande.csv" } }),
    );
    expect(res.status).toBe(202);
    const { id, status } = await res.json();
    expect(status).toBe("PENDING");
    const queued = await getPrisma().carteiraImport.findUniqueOrThrow({ where: { id } });
    expect(queued).toMatchObject({ status: "PENDING", fileBytes: expect.any(Number) });
    expect(queued.fileKey).toMatch(/^imports\//);
    expect(await getPrisma().product.count()).toBe(0);

    // Progress is visible outside the import's transaction while it runs.
    const seen: number[] = [];
    const poll = setInterval(() => {
      void getPrisma()
        .carteiraImport.findUnique({ where: { id }, select: { processedRows: true } })
        .then((r) => r && seen.push(r.processedRows));
    }, 5);
    const outcome = await runCarteiraImportJob({ importId: id }, { jobId: "test", attempt: 1, isLastAttempt: false });
    clearInterval(poll);
    expect(outcome).toBe("success");
    const done = await (await callRoute(getImport, `/api/v1/carteira/imports/${id}`, { headers }, { id })).json();
    expect(done).toMatchObject({ status: "COMPLETED", created: 6000, totalRows: 6000, processedRows: 6000 });
    expect(await getPrisma().product.count()).toBe(6000);
    expect(seen.some((n) => n > 0 && n < 6000) || seen.length === 0).toBe(true);

    expect(await runCarteiraImportJob({ importId: id }, { jobId: "test", attempt: 2, isLastAttempt: false })).toBe(
      "skipped",
    );
    expect(await getPrisma().skuHistory.count()).toBe(6000);
  });
});
