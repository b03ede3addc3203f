import { beforeEach, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { win1252, xlsx } from "../../fixtures/carteira/build-fixtures";
import { truncateAllTables } from "../../support/db";
import { createTestUser } from "../../support/users";
import { importCarteira } from "@/lib/carteira/import/import-carteira";
import { createImportRecord } from "@/lib/carteira/import/import-records";
import { importSync } from "./helpers";

const prisma = () => getPrisma();

// A typical ERP export: title rows, `;`, Windows-1252 accents, decimal commas, an unmapped column.
const HEADER = "REFERÊNCIA;DESCRIÇÃO;GRUPO;SUBGRUPO;TIPO;ORIGEM;COLEÇÃO;MARCA;COR;PREÇO;OBSERVAÇÃO INTERNA";
function carteiraCsv(rows: string[]): Uint8Array {
  return win1252(
    ["CARTEIRA DE COMPRAS — VERÃO 2025", "Emitido em 01/10/2024;;;", "", HEADER, ...rows].join("\r\n") + "\r\n",
  );
}
const ROWS = [
  "VD25-0001;Vestido midi estampado;VESTIDOS;MIDI;VESTIDO;NACIONAL;Verão 2025;Marca Ção;Azul;1.299,90;lote A",
  "VD25-0002;Blusa de tricô;BLUSAS;TRICÔ;BLUSA;IMPORTADO;VERÃO 2025;MARCA ÇÃO;Bege;199,90;",
  "VD25-0003;Calça pantalona;CALÇAS;PANTALONA;CALÇA;NACIONAL;Verão  2025;marca cao;Preto;259,00;urgente",
];

let userId: string;
beforeEach(async () => {
  await truncateAllTables();
  userId = (await createTestUser("EDITOR")).id;
});

describe("importCarteira", () => {
  it("imports a `;` Windows-1252 CSV with title rows: products, brand, collection, extras, history", async () => {
    const summary = await importSync(carteiraCsv(ROWS), "carteira.csv", userId);
    expect(summary).toMatchObject({
      status: "COMPLETED",
      created: 3,
      updated: 0,
      unchanged: 0,
      totalRows: 3,
      processedRows: 3,
      errorCount: 0,
    });

    const p = await prisma().product.findUniqueOrThrow({
      where: { sku: "VD25-0002" },
      include: { brand: true, collection: true },
    });
    expect(p).toMatchObject({
      skuKey: "VD250002",
      nomePeca: "Blusa de tricô",
      categoria: "BLUSAS",
      subcategoria: "TRICÔ",
      tipoPeca: "BLUSA",
      origem: "IMPORTADO",
      cor: "Bege",
      lastImportId: summary.id,
    });
    expect(p.brand?.name).toBe("Marca Ção");
    expect(p.collection?.name).toBe("Verão 2025");
    expect(p.extra).toEqual({ preco: 199.9 });
    const first = await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0001" } });
    expect(first.extra).toEqual({ preco: 1299.9, "OBSERVAÇÃO INTERNA": "lote A" });

    // Brand and collection are created once, whatever the case / accents / spacing.
    expect(await prisma().brand.count()).toBe(1);
    expect(await prisma().collection.count()).toBe(1);

    const history = await prisma().skuHistory.findMany({ where: { importId: summary.id } });
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.action === "CREATE" && h.userId === userId)).toBe(true);

    const record = await prisma().carteiraImport.findUniqueOrThrow({ where: { id: summary.id } });
    expect(record).toMatchObject({ status: "COMPLETED", fileName: "carteira.csv", createdCount: 3, userId });
    expect(record.fileKey).toMatch(/^imports\/\d{4}\/\d{2}\/.+\.csv$/);
    expect(record.finishedAt).not.toBeNull();
  });

  it("re-import writes only what changed: counts, SKU history old → new, brands/collections not duplicated", async () => {
    await importSync(carteiraCsv(ROWS), "v1.csv", userId);
    const before = await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0003" } });
    const changed = [
      ROWS[0]!,
      ROWS[1]!.replace("Bege", "Off-white"),
      ROWS[2]!,
      "VD25-0004;Saia;SAIAS;;SAIA;NACIONAL;Verão 2025;Marca Ção;Verde;99,00;",
    ];
    const summary = await importSync(carteiraCsv(changed), "v2.csv", userId);
    expect(summary).toMatchObject({ status: "COMPLETED", created: 1, updated: 1, unchanged: 2 });

    const updates = await prisma().skuHistory.findMany({ where: { importId: summary.id, action: "UPDATE" } });
    expect(updates).toEqual([
      expect.objectContaining({ sku: "VD25-0002", field: "cor", oldValue: "Bege", newValue: "Off-white", userId }),
    ]);
    // An unchanged row is not written at all.
    const after = await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0003" } });
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect(after.lastImportId).toBe(before.lastImportId);

    expect(await prisma().brand.count()).toBe(1);
    expect(await prisma().collection.count()).toBe(1);
    expect(await prisma().product.count()).toBe(4);
  });

  it("keeps AI and image fields untouched (field separation)", async () => {
    await importSync(carteiraCsv(ROWS), "v1.csv", userId);
    const product = await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0001" } });
    const batch = await prisma().batch.create({ data: { name: "Lote 1" } });
    const image = await prisma().image.create({
      data: {
        batchId: batch.id,
        originalName: "VD25-0001_FRENTE.jpg",
        storageKey: "originals/x.jpg",
        contentType: "image/jpeg",
        bytes: 10n,
        sha256: "abc",
        productId: product.id,
        matchStatus: "MATCHED",
        aiDescription: "Vestido azul de viscose",
        aiColor: "azul marinho",
        aiTags: ["vestido"],
        aiMaterial: "viscose",
      },
    });
    const summary = await importSync(
      carteiraCsv([ROWS[0]!.replace("Azul", "Marinho").replace("Vestido midi estampado", "Vestido midi")]),
      "v2.csv",
      userId,
    );
    expect(summary).toMatchObject({ updated: 1 });
    const again = await prisma().image.findUniqueOrThrow({ where: { id: image.id } });
    expect(again).toMatchObject({
      aiDescription: "Vestido azul de viscose",
      aiColor: "azul marinho",
      aiTags: ["vestido"],
      aiMaterial: "viscose",
      productId: product.id,
      matchStatus: "MATCHED",
    });
    expect(again.updatedAt.getTime()).toBe(image.updatedAt.getTime());
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0001" } })).toMatchObject({
      cor: "Marinho",
      nomePeca: "Vestido midi",
    });
  });

  it("keeps formula-like cells as plain text", async () => {
    const csv = win1252(
      [
        "SKU;NOME;COR;OBS",
        '=1+1;=HYPERLINK("http://x.test","clique");+55 11 9999;@SOMA(A1)',
        "-10;-cmd|' /C calc'!A0;=A1;'=texto",
      ].join("\r\n"),
    );
    const summary = await importSync(csv, "formulas.csv", userId);
    expect(summary).toMatchObject({ status: "COMPLETED", created: 2 });
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "=1+1" } })).toMatchObject({
      nomePeca: '=HYPERLINK("http://x.test","clique")',
      cor: "+55 11 9999",
      extra: { OBS: "@SOMA(A1)" },
    });
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "-10" } })).toMatchObject({
      nomePeca: "-cmd|' /C calc'!A0",
      cor: "=A1",
    });
  });

  it("imports only the chosen sheets of a multi-sheet XLSX, with line numbers per sheet", async () => {
    const book = xlsx({
      Feminino: [
        ["Carteira feminina"],
        [],
        ["SKU", "NOME DA PEÇA", "MARCA", "COLEÇÃO"],
        ["F-001", "Vestido", "Marca A", "Inverno"],
        ["F-002", "Saia", "Marca A", "Inverno"],
      ],
      Masculino: [
        ["REFERÊNCIA", "DESCRIÇÃO", "MARCA"],
        ["M-001", "Camisa", "Marca B"],
      ],
      Acessorios: [
        ["COD", "NOME"],
        ["A-001", "Cinto"],
      ],
    });
    const summary = await importSync(book, "carteira.xlsx", userId, { sheets: ["Feminino", "Acessorios"] });
    expect(summary).toMatchObject({ status: "COMPLETED", created: 3 });
    expect((await prisma().product.findMany({ orderBy: { sku: "asc" } })).map((p) => p.sku)).toEqual([
      "A-001",
      "F-001",
      "F-002",
    ]);
    expect(await prisma().brand.findMany({ select: { name: true } })).toEqual([{ name: "Marca A" }]);
    const record = await prisma().carteiraImport.findUniqueOrThrow({ where: { id: summary.id } });
    expect(record.sheets).toEqual(["Feminino", "Acessorios"]);

    const dup = xlsx({
      A: [
        ["SKU", "NOME"],
        ["X-1", "a"],
      ],
      B: [
        ["SKU", "NOME"],
        ["Z-9", "b"],
        ["X-1", "c"],
      ],
    });
    const failed = await importSync(dup, "dup.xlsx", userId);
    expect(failed.status).toBe("FAILED");
    expect(failed.errors).toEqual([
      expect.objectContaining({
        sheet: "B",
        line: 3,
        code: "DUPLICATE_SKU",
        message: expect.stringContaining('aba "A", linha 2'),
      }),
    ]);
  });

  it("uses the default brand / collection for files without MARCA / COLEÇÃO columns", async () => {
    const brand = await prisma().brand.create({ data: { name: "Padrão", nameKey: "padrao" } });
    const collection = await prisma().collection.create({
      data: { name: "Inverno 26", nameKey: "inverno 26", brandId: brand.id },
    });
    const summary = await importSync(win1252("SKU;NOME\r\nP-1;Casaco\r\n"), "sem-marca.csv", userId, {
      collectionId: collection.id,
    });
    expect(summary.status).toBe("COMPLETED");
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "P-1" } })).toMatchObject({
      brandId: brand.id,
      collectionId: collection.id,
    });
  });

  it("a collection named without a brand belongs to the product's brand, else the default brand; one per owner", async () => {
    await importSync(carteiraCsv(ROWS.slice(0, 1)), "v1.csv", userId);
    const cao = await prisma().brand.findUniqueOrThrow({ where: { nameKey: "marca cao" } });
    const rows = [
      // VD25-0001 exists (brand Marca Ção): its new collection is Marca Ção's.
      "VD25-0001;Vestido midi estampado;VESTIDOS;MIDI;VESTIDO;NACIONAL;Inverno 26;;Azul;1.299,90;lote A",
      // The same collection named with the brand: the same one, whichever row names it first.
      "VD25-0005;Saia;SAIAS;;SAIA;NACIONAL;INVERNO 26;Marca Ção;Verde;99,00;",
      "VD25-0006;Top;TOPS;;TOP;NACIONAL;Inverno 26;Ateliê Sul;Preto;59,00;",
    ];
    const summary = await importSync(carteiraCsv(rows), "v2.csv", userId);
    expect(summary).toMatchObject({ status: "COMPLETED", created: 2, updated: 1 });
    const collections = await prisma().collection.findMany({ include: { brand: true }, orderBy: { name: "asc" } });
    expect(collections.map((c) => [c.brand.name, c.name])).toEqual(
      expect.arrayContaining([
        ["Marca Ção", "Inverno 26"],
        ["Ateliê Sul", "Inverno 26"],
        ["Marca Ção", "Verão 2025"],
      ]),
    );
    expect(collections).toHaveLength(3);
    const dress = await prisma().product.findUniqueOrThrow({
      where: { sku: "VD25-0001" },
      include: { collection: true },
    });
    expect(dress).toMatchObject({ brandId: cao.id, collection: { name: "Inverno 26", brandId: cao.id } });

    // A new SKU naming a collection but no brand: the default brand owns it; without one it is refused, naming the line.
    const orphan = "VD25-0009;Casaco;CASACOS;;CASACO;NACIONAL;Outono;;Cinza;10,00;";
    const refused = await importSync(carteiraCsv([orphan]), "v3.csv", userId);
    expect(refused).toMatchObject({ status: "FAILED", errorCount: 1 });
    expect(refused.errors).toEqual([expect.objectContaining({ line: 5, code: "COLLECTION_WITHOUT_BRAND" })]);
    const byDefault = await importSync(carteiraCsv([orphan]), "v4.csv", userId, { brandId: cao.id });
    expect(byDefault.status).toBe("COMPLETED");
    expect(
      await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0009" }, include: { collection: true } }),
    ).toMatchObject({ brandId: cao.id, collection: { name: "Outono", brandId: cao.id } });
  });

  it("applies a mapping override: a column can be ignored (kept as extra) or chosen as the SKU", async () => {
    const csv = win1252("CÓDIGO INTERNO;MODELO;COR\r\nAB-1;Vestido;Azul\r\n");
    const summary = await importSync(csv, "m.csv", userId, {
      mapping: { "CÓDIGO INTERNO": "sku", MODELO: "nome_peca", COR: null },
    });
    expect(summary.status).toBe("COMPLETED");
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "AB-1" } })).toMatchObject({
      nomePeca: "Vestido",
      cor: null,
      extra: { COR: "Azul" },
    });
  });
});

describe("all or nothing", () => {
  async function expectNothingWritten(importId: string) {
    expect(await prisma().product.count()).toBe(0);
    expect(await prisma().brand.count()).toBe(0);
    expect(await prisma().collection.count()).toBe(0);
    expect(await prisma().skuHistory.count()).toBe(0);
    const record = await prisma().carteiraImport.findUniqueOrThrow({ where: { id: importId } });
    expect(record.status).toBe("FAILED");
    expect(record.createdCount).toBe(0);
    return record;
  }

  it("refuses a file with duplicate SKUs, naming both lines", async () => {
    const summary = await importSync(carteiraCsv([...ROWS, ROWS[0]!.replace("Azul", "Rosa")]), "dup.csv", userId);
    expect(summary.status).toBe("FAILED");
    expect(summary.errors).toEqual([
      expect.objectContaining({
        sheet: "dup.csv",
        line: 8,
        code: "DUPLICATE_SKU",
        message: expect.stringContaining("linha 5, linha 8"),
      }),
    ]);
    const record = await expectNothingWritten(summary.id);
    expect(record.errorCount).toBe(1);
  });

  it("a COPY the database refuses while the file is still being read fails the import (INTERNAL), nothing written, nothing unhandled", async () => {
    const record = await createImportRecord({
      fileName: "copia.csv",
      fileBytes: 10,
      fileKey: null,
      userId,
      sheets: [],
      mapping: {},
      defaultBrandId: null,
      defaultCollectionId: null,
    });
    const summary = await importCarteira({
      importId: record.id,
      userId,
      // A line PostgreSQL cannot read (one column where the staging table has 18), then the parse goes on a while.
      stage: async (write) => {
        write(new TextEncoder().encode("not a staging row\n"));
        await new Promise((r) => setTimeout(r, 300));
        return {
          kind: "csv",
          rows: 1,
          totalRows: 1,
          issues: [],
          errorCount: 0,
          names: { brands: [], collections: [], collectionRowsWithoutBrand: 0 },
        };
      },
    });
    expect(summary).toMatchObject({ status: "FAILED", errorCode: "INTERNAL" });
    expect(summary.failureReason).toMatch(/Erro ao gravar no banco de dados/);
    await expectNothingWritten(record.id);
  });

  it("refuses a file with a row without SKU", async () => {
    const summary = await importSync(
      carteiraCsv([ROWS[0]!, ";Sem referência;BLUSAS;;;;Verão 2025;Marca Ção;Azul;10,00;", ROWS[1]!]),
      "sem-sku.csv",
      userId,
    );
    expect(summary.status).toBe("FAILED");
    expect(summary.errors).toEqual([expect.objectContaining({ line: 6, code: "SKU_MISSING" })]);
    await expectNothingWritten(summary.id);
  });

  it("rolls everything back when the database fails mid-way (brands, collections and earlier rows included)", async () => {
    await prisma().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION carteira_test_boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`,
    );
    await prisma().$executeRawUnsafe(
      `CREATE TRIGGER carteira_test_boom BEFORE INSERT ON "Product" FOR EACH ROW WHEN (NEW.sku = 'VD25-0003') EXECUTE FUNCTION carteira_test_boom()`,
    );
    try {
      const summary = await importSync(carteiraCsv(ROWS), "boom.csv", userId);
      expect(summary.status).toBe("FAILED");
      expect(summary.failureReason).toContain("boom");
      await expectNothingWritten(summary.id);
    } finally {
      await prisma().$executeRawUnsafe(`DROP TRIGGER IF EXISTS carteira_test_boom ON "Product"`);
      await prisma().$executeRawUnsafe(`DROP FUNCTION IF EXISTS carteira_test_boom()`);
    }
  });

  it("a failed re-import leaves the previous data as it was", async () => {
    await importSync(carteiraCsv(ROWS), "v1.csv", userId);
    const summary = await importSync(
      carteiraCsv([ROWS[0]!.replace("Azul", "Rosa"), "VD25-0009;Nova;;;;;;;;;", "VD25-0009;Nova;;;;;;;;;"]),
      "v2.csv",
      userId,
    );
    expect(summary.status).toBe("FAILED");
    expect(await prisma().product.count()).toBe(3);
    expect(await prisma().product.findUniqueOrThrow({ where: { sku: "VD25-0001" } })).toMatchObject({ cor: "Azul" });
  });
});
