// GET /api/v1/images/{id} (full detail) and PATCH (editorial fields and workflow status; carteira fields refused).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getImage, PATCH as patchImage } from "@/app/api/v1/images/[id]/route";
import { GET as listImagesRoute } from "@/app/api/v1/images/route";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { getRequest, params, patchRequest, seedImage, seedProduct, seedScope, type Auth, type Scope } from "./seed";

let editor: Auth;
let viewer: Auth;
let scope: Scope;
const ids: Record<string, string> = {};

async function detail(auth: Auth, id: string) {
  const res = await getImage(getRequest(auth, `/api/v1/images/${id}`), params({ id }));
  return { status: res.status, body: await res.json() };
}

async function patch(auth: Auth, id: string, body: unknown) {
  const res = await patchImage(patchRequest(auth, `/api/v1/images/${id}`, body), params({ id }));
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
  scope = await seedScope("Marca Detalhe", "Verão 26");
  const product = await seedProduct("VD26-0001", scope, {
    nomePeca: "Calça Jeans",
    categoria: "Calças",
    subcategoria: "Reta",
    tipoPeca: "Jeans",
    origem: "Nacional",
    cor: "Azul",
  });
  const linked = { productId: product.id, matchStatus: "MATCHED" as const, skuBase: "VD26-0001" };
  ids.front = (await seedImage("VD26-0001_01.jpg", scope, { ...linked, sequence: "01" })).id;
  ids.back = (await seedImage("VD26-0001_COSTAS.jpg", scope, { ...linked, sequence: "COSTAS" })).id;
  ids.side = (await seedImage("VD26-0001_02.jpg", scope, { ...linked, sequence: "02" })).id;
  ids.loose = (await seedImage("VD26-7777_01.jpg", scope, { skuBase: "VD26-7777", sequence: "01" })).id;
  ids.looseSibling = (await seedImage("VD26-7777_02.jpg", scope, { skuBase: "VD26-7777", sequence: "02" })).id;
});

describe("image detail", () => {
  it("answers file facts, the product's carteira fields, the batch and the siblings in sequence order", async () => {
    const { status, body } = await detail(viewer, ids.front!);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: ids.front,
      originalName: "VD26-0001_01.jpg",
      sha256: expect.any(String),
      bytes: 1000,
      sku: "VD26-0001",
      carteira: {
        nomePeca: "Calça Jeans",
        categoria: "Calças",
        subcategoria: "Reta",
        tipoPeca: "Jeans",
        origem: "Nacional",
        cor: "Azul",
      },
      aiStatus: "NONE",
      batch: { id: scope.batch.id, name: "Lote Verão 26" },
      brand: { id: scope.brand.id, name: "Marca Detalhe" },
      collection: { id: scope.collection.id, name: "Verão 26" },
      audit: [],
    });
    expect(body.siblings.map((s: { id: string }) => s.id)).toEqual([ids.side, ids.back]);
    const loose = await detail(viewer, ids.loose!);
    expect(loose.body.carteira).toBeNull();
    expect(loose.body.siblings.map((s: { id: string }) => s.id)).toEqual([ids.looseSibling]);
  });

  it("is a 404 for an unknown or malformed id", async () => {
    expect((await detail(viewer, "00000000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await detail(viewer, "nope")).status).toBe(404);
  });
});

describe("image edit", () => {
  it("edits the editorial fields, audits old → new, and the search finds the new text", async () => {
    const { status, body } = await patch(editor, ids.side!, {
      aiTitle: "Calça reta lateral",
      aiDescription: "Vista lateral com bolso faca",
      aiTags: ["lateral", "bolso"],
      aiColor: "Azul médio",
      aiMaterial: "Algodão",
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ aiTitle: "Calça reta lateral", aiTags: ["lateral", "bolso"], aiMaterial: "Algodão" });
    expect(body.audit).toHaveLength(1);
    expect(body.audit[0]).toMatchObject({ action: "IMAGE_EDITED", userName: editor.user.name });
    expect(body.audit[0].data.changes.aiDescription).toEqual({ from: null, to: "Vista lateral com bolso faca" });
    const res = await listImagesRoute(getRequest(viewer, "/api/v1/images?q=bolso%20faca"), params({}));
    expect((await res.json()).items.map((i: { id: string }) => i.id)).toEqual([ids.side]);
    // An empty text clears the field; the same values again change nothing and write no audit entry.
    const cleared = await patch(editor, ids.side!, { aiMaterial: "", aiTitle: "Calça reta lateral" });
    expect(cleared.body.aiMaterial).toBeNull();
    expect(cleared.body.audit).toHaveLength(2);
    expect(Object.keys(cleared.body.audit[0].data.changes)).toEqual(["aiMaterial"]);
    expect((await patch(editor, ids.side!, { aiTitle: "Calça reta lateral" })).body.audit).toHaveLength(2);
  });

  it("moves the workflow status by its rules and refuses a jump with 409 INVALID_STATUS_TRANSITION", async () => {
    const approved = await patch(editor, ids.back!, { status: "APROVADO" });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("APROVADO");
    expect(approved.body.audit[0]).toMatchObject({
      action: "IMAGE_STATUS_CHANGED",
      data: { from: "PENDENTE", to: "APROVADO" },
    });
    const jump = await patch(editor, ids.back!, { status: "REJEITADO", aiTitle: "não grava" });
    expect(jump.status).toBe(409);
    expect(jump.body).toMatchObject({ error: "CONFLICT", details: { code: "INVALID_STATUS_TRANSITION" } });
    const after = await getPrisma().image.findUniqueOrThrow({ where: { id: ids.back! } });
    expect([after.status, after.aiTitle]).toEqual(["APROVADO", null]);
  });

  it("refuses a carteira field with 400 CARTEIRA_FIELD_READ_ONLY and changes nothing", async () => {
    for (const body of [
      { nomePeca: "Outra" },
      { categoria: "Saias", aiTitle: "x" },
      { sku: "VD26-0002" },
      { carteira: { cor: "Verde" } },
      { tipoPeca: "x", origem: "y", subcategoria: "z", cor: "w" },
    ]) {
      const res = await patch(editor, ids.front!, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe("CARTEIRA_FIELD_READ_ONLY");
      expect(res.body.details.fields.split(", ").sort()).toEqual(
        Object.keys(body)
          .filter((k) => k !== "aiTitle")
          .sort(),
      );
    }
    const image = await getPrisma().image.findUniqueOrThrow({ where: { id: ids.front! }, include: { product: true } });
    expect([image.aiTitle, image.product?.nomePeca, image.product?.categoria]).toEqual([null, "Calça Jeans", "Calças"]);
  });

  it("is EDITOR only: a VIEWER's edit is a 403 and changes nothing", async () => {
    const res = await patch(viewer, ids.front!, { aiTitle: "do viewer" });
    expect(res).toMatchObject({ status: 403, body: { error: "FORBIDDEN" } });
    expect((await getPrisma().image.findUniqueOrThrow({ where: { id: ids.front! } })).aiTitle).toBeNull();
  });

  it.each([
    ["an empty object", {}],
    ["an unknown field", { foo: 1 }],
    ["an unknown status", { status: "PUBLICADO" }],
    ["tags that are not a list", { aiTags: "um" }],
    ["a description of 5,001 characters", { aiDescription: "x".repeat(5001) }],
    ["an array", [1, 2]],
    ["null", null],
  ])("a body with %s → 400 VALIDATION_FAILED", async (_label, body) => {
    const res = await patch(editor, ids.front!, body);
    expect([res.status, res.body.error]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("is a 404 for an unknown photo", async () => {
    expect((await patch(editor, "00000000-0000-7000-8000-000000000000", { aiTitle: "x" })).status).toBe(404);
  });
});
