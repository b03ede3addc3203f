// The content CSV: a selection or a catalog filter, the current version of each photo, formula-safe
// cells (OWASP CSV injection), UTF-8 BOM, and the rows read in keyset pages.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH as editImage } from "@/app/api/v1/images/[id]/content/route";
import { GET as exportContent } from "@/app/api/v1/export/content/route";
import { contentCsvStream } from "@/lib/ai/content/export-content-csv";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { call } from "./content-support";
import { params, seedPhoto, seedProduct, seedScope, type Scope } from "./runs-support";

const fake = await vi.hoisted(async () => {
  const { startAiTestServer } = await import("./runs-support");
  return startAiTestServer();
});

type Auth = Awaited<ReturnType<typeof apiTokenFor>>;
let editor: Auth;
let viewer: Auth;
let scope: Scope;
const ids: string[] = [];

const edit = (id: string, body: Record<string, unknown>) =>
  call(editImage, editor.headers, `/api/v1/images/${id}/content`, { id }, body, "PATCH");

async function download(query: string, auth: Auth = viewer) {
  const response = await exportContent(
    new Request(`http://localhost/api/v1/export/content?${query}`, { headers: auth.headers }),
    params({}),
  );
  // Decoded keeping the BOM (Response.text() drops it).
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

const splitLines = (text: string) => text.split("\r\n").filter(Boolean);

beforeAll(async () => {
  await truncateAllTables();
  editor = await apiTokenFor("EDITOR");
  viewer = await apiTokenFor("VIEWER");
  scope = await seedScope("Export");
  const product = await seedProduct("VD26-0700", scope);
  for (let i = 0; i < 5; i++) {
    const photo = await seedPhoto(`VD26-070${i}_FRENTE.jpg`, scope, {
      fields: { skuBase: `VD26-070${i}`, sequence: "FRENTE", ...(i === 0 ? { productId: product.id } : {}) },
    });
    ids.push(photo.id);
  }
  await edit(ids[0]!, {
    titulo: '=HYPERLINK("http://evil.example","clique")',
    descricao: '+55 11; linha 1\nlinha 2 com "aspas"',
    hashtags: ["#vestido", "@marca"],
    pontosChave: ["-10% na primeira compra", "\tTab"], // the tab is trimmed by the edit schema
  });
  await edit(ids[0]!, { titulo: "=SUM(A1:A9)" }); // version 2 is the current one
  for (const id of ids.slice(1, 4)) await edit(id, { titulo: `Título ${id.slice(-4)}`, descricao: "Descrição" });
  // ids[4] has no content: it is not exported.
});
afterAll(async () => {
  await fake.close();
});

describe("GET /api/v1/export/content", () => {
  it("a selection: BOM, header, one row per photo with content, formula-like cells neutralised", async () => {
    const { response, bytes, text } = await download(`imageIds=${ids.join(",")}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="conteudo-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("arquivo;sku;titulo;descricao;hashtags;pontos_chave;versao;atualizado_em");
    // Formula-like cells (= + - @ first) get a leading ': title, description, key points; hashtags always start with #.
    expect(lines[1]).toMatch(
      /^VD26-0700_FRENTE\.jpg;VD26-0700;'=SUM\(A1:A9\);"'\+55 11; linha 1\nlinha 2 com ""aspas""";#vestido #@marca;'-10% na primeira compra \| Tab;2;\d{4}-\d{2}-\d{2}T/,
    );
    const rows = splitLines(text.slice(1)).filter((l) => l.includes("_FRENTE.jpg"));
    expect(rows).toHaveLength(4);
    expect(text).not.toContain("VD26-0704_FRENTE.jpg");
  });

  it("a catalog filter (the catalog's own schema) selects too; filters and ids together, or a bad filter, are a 400", async () => {
    const { text } = await download(`collectionId=${scope.collection.id}&q=VD26-0702`);
    const rows = splitLines(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^VD26-0702_FRENTE\.jpg;VD26-0702;Título/);
    expect((await download(`imageIds=${ids[0]}&collectionId=${scope.collection.id}`)).response.status).toBe(400);
    expect((await download("colour=azul")).response.status).toBe(400);
    expect((await download("imageIds=not-a-uuid")).response.status).toBe(400);
  });

  it("reads the rows in keyset pages (page size 2 → every row once, in id order)", async () => {
    const query = { collectionId: scope.collection.id };
    const reader = contentCsvStream(query, 2).getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value));
    }
    // Header, then pages of 2 and 2 (the 5th photo has no content): 3 chunks.
    expect(chunks).toHaveLength(3);
    const names = chunks.slice(1).flatMap((c) => [...c.matchAll(/VD26-070\d_FRENTE\.jpg/g)].map((m) => m[0]));
    expect(names).toEqual([
      "VD26-0700_FRENTE.jpg",
      "VD26-0701_FRENTE.jpg",
      "VD26-0702_FRENTE.jpg",
      "VD26-0703_FRENTE.jpg",
    ]);
    expect(await getPrisma().contentVersion.count()).toBe(5);
  });
});
