// The CSV, JSON, NDJSON and XLSX data sheet that PostgreSQL writes (exportStream's COPY path: ExportSpec.sql,
// lib/export/copy/) against the writers (lib/export/writers/) on the same photos: byte for byte the
// same file, for both CSV separators, metadata=true|false, a catalog filter with parameters of every kind and a
// limit — on rows made to trip a CSV: the separators, quotes, newlines (LF, CRLF, a lone CR), emoji,
// every formula start (= + - @ tab CR), NULLs and empty texts, a BOM and `\.` in a cell, and a cell
// longer than a COPY chunk full of quotes and newlines (the quote state carried across chunks).
import { randomUUID } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getPrisma, Prisma } from "@/lib/db/client";
import { copySelect, csvCopyStatement } from "@/lib/export/copy/copy-export";
import { exportStream } from "@/lib/export/export-stream";
import type { CsvSeparator } from "@/lib/export/csv";
import { imageExportColumns, imageExportPages, imageExportQuery } from "@/lib/export/image-export";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import { truncateAllTables } from "../../support/db";
import { unzip } from "../../support/unzip";

const TRICKY = [
  "=cmd|' /C calc'!A0",
  "+5511999999999",
  "-2+3",
  "@SUM(A1)",
  "\tcomeça com tab",
  "\rcomeça com CR",
  'vestido; "azul", frente',
  "linha 1\nlinha 2",
  "linha 1\r\nlinha 2",
  "só\rCR",
  '"começa com aspas"',
  "Coleção Verão ☀️👗 ação",
  "\uFEFFcom BOM",
  "\\.",
  " espaço=antes",
  "",
  "a,b;c",
  "ctl \u0001\b\f\u001f\u007f\u2028 fim",
  "barra \\ e \\n",
];
const LONG = `${'"aspas" e ;\n'.repeat(12_000)}fim`; // ~150 KB: more than one COPY chunk

let batchId: string;
let brandId: string;

beforeAll(async () => {
  await truncateAllTables();
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: '=Marca; "X"', nameKey: "MARCA X" } });
  brandId = brand.id;
  const collection = await prisma.collection.create({
    data: { name: "Verão\n26", nameKey: "VERAO 26", brandId: brand.id },
  });
  const batch = await prisma.batch.create({ data: { name: "Lote csv" } });
  batchId = batch.id;
  const chunk = await prisma.batchChunk.create({ data: { batchId: batch.id, index: 0, total: TRICKY.length } });
  const product = await prisma.product.create({
    data: {
      sku: "-VD26-0001",
      skuKey: "VD260001",
      nomePeca: "@Vestido",
      categoria: "",
      cor: "Azul;Rosa",
      collectionId: collection.id,
    },
  });
  const texts = [...TRICKY, LONG];
  for (const [i, text] of texts.entries()) {
    const image = await prisma.image.create({
      data: {
        batchId: batch.id,
        brandId: i % 3 === 0 ? null : brand.id,
        collectionId: i % 2 === 0 ? collection.id : null,
        productId: i % 4 === 0 ? product.id : null,
        originalName: text,
        relativePath: i % 5 === 0 ? null : TRICKY[(i + 3) % TRICKY.length],
        storageKey: `originals/${randomUUID()}.jpg`,
        sha256: randomUUID().replace(/-/g, "").padEnd(64, "0"),
        contentType: "image/jpeg",
        bytes: BigInt(1_000 + i * 7_919),
        width: i % 2 ? 800 : null,
        height: i % 2 ? 1_000 : null,
        processingStatus: i % 3 ? "READY" : "FAILED",
        processingErrorCode: i % 3 ? null : "DECODE_FAILED",
        processingError: i % 3 ? null : TRICKY[(i + 5) % TRICKY.length],
        skuBase: i % 2 ? TRICKY[(i + 1) % TRICKY.length] : null,
        sequence: String(i).padStart(2, "0"),
        aiTitle: TRICKY[(i + 7) % TRICKY.length],
        aiDescription: i === texts.length - 1 ? LONG : TRICKY[(i + 2) % TRICKY.length],
        aiTags: i % 2 ? ["-tag", "=x", "a;b"] : [],
        aiHashtags: ["#verão"],
        aiOcrText: i % 2 ? null : "\r\n",
        aiAnalyzedAt: i % 2 ? new Date(Date.UTC(2026, 11, 3, 14, 5, 0, i)) : null,
        processedAt: i % 3 ? new Date(Date.UTC(2026, 11, 3, 15, 0, 0, 999)) : null,
      },
    });
    if (i % 4 === 1)
      await prisma.batchUrl.create({
        data: {
          batchId: batch.id,
          chunkId: chunk.id,
          url: `https://127.0.0.1/x;"${i}"`,
          lineNumber: i + 1,
          imageId: image.id,
          status: "STORED",
        },
      });
  }
});

afterEach(() => vi.restoreAllMocks());

async function text(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** The same export twice: the CSV writer's (rows read by pages), and PostgreSQL's COPY (ExportSpec.sql). */
async function both(
  where: Prisma.Sql,
  options: { separator: CsvSeparator; metadata: boolean; limit?: number; format?: "csv" | "json" | "ndjson" | "xlsx" },
) {
  const format = options.format ?? "csv";
  const columns = imageExportColumns(options.metadata);
  const written = await text(
    exportStream({
      format,
      columns,
      csvSeparator: options.separator,
      pages: imageExportPages(where, { limit: options.limit, pageSize: 3 }),
    }),
  );
  const copies: string[] = [];
  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = (args[0] as { text?: string } | undefined)?.text;
    if (typeof text === "string" && text.startsWith("COPY")) copies.push(text);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);
  let counted = 0;
  const copied = await text(
    exportStream({
      format,
      columns,
      csvSeparator: options.separator,
      pages: (async function* () {
        yield* [];
        throw new Error("the COPY path reads no pages");
      })(),
      sql: {
        rows: imageExportQuery(where, options.limit),
        count: async function* (chunks) {
          for await (const chunk of chunks) {
            counted += chunk.length;
            yield chunk;
          }
        },
      },
    }),
  );
  vi.restoreAllMocks();
  expect(copies).toHaveLength(1);
  return { written, copied, counted };
}

describe("CSV, JSON, NDJSON and XLSX written by PostgreSQL (COPY) are the writers', byte for byte", () => {
  for (const separator of [";", ","] as const)
    for (const metadata of [true, false])
      it(`separator ${separator}, metadata=${metadata}: every photo`, async () => {
        const { written, copied, counted } = await both(Prisma.sql`TRUE`, { separator, metadata });
        expect(written.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        expect(written.includes("'=cmd")).toBe(true);
        expect(written.length).toBeGreaterThan(LONG.length);
        expect(copied.toString("utf8")).toBe(written.toString("utf8"));
        expect(copied.equals(written)).toBe(true);
        expect(counted).toBe(TRICKY.length + 1);
      });

  for (const format of ["json", "ndjson"] as const)
    it(`${format}: every photo, none, and a selection (JSON.stringify's escapes are to_json's)`, async () => {
      const all = await both(Prisma.sql`TRUE`, { separator: ";", metadata: true, format });
      expect(all.copied.toString("utf8")).toBe(all.written.toString("utf8"));
      expect(all.copied.equals(all.written)).toBe(true);
      expect(all.counted).toBe(TRICKY.length + 1);
      const parsed = (
        format === "json"
          ? JSON.parse(all.copied.toString())
          : all.copied
              .toString()
              .trim()
              .split("\n")
              .map((l) => JSON.parse(l))
      ) as { arquivo: string; bytes: number; largura: number | null }[];
      expect(parsed.map((r) => r.arquivo).sort()).toEqual([...TRICKY, LONG].sort());
      expect(typeof parsed[0]!.bytes).toBe("number");

      const none = await both(Prisma.sql`FALSE`, { separator: ";", metadata: false, format });
      expect(none.copied.toString()).toBe(none.written.toString());
      expect(none.copied.toString()).toBe(format === "json" ? "[]\n" : "");

      const two = await both(Prisma.sql`TRUE`, { separator: ";", metadata: false, format, limit: 2 });
      expect(two.copied.equals(two.written)).toBe(true);
      expect(two.counted).toBe(2);
    });

  it("xlsx: the data sheet is the writer's, byte for byte (texts escaped in SQL), and reads back as the photos' texts", async () => {
    const sameEntries = async (a: Buffer, b: Buffer) => {
      const [x, y] = await Promise.all([unzip(a), unzip(b)]);
      expect([...x.keys()]).toEqual([...y.keys()]);
      for (const [name, bytes] of x) expect(bytes.toString("utf8"), name).toBe(y.get(name)!.toString("utf8"));
      return x;
    };
    const all = await both(Prisma.sql`TRUE`, { separator: ";", metadata: true, format: "xlsx" });
    const entries = await sameEntries(all.copied, all.written);
    expect(all.counted).toBe(TRICKY.length + 1);
    const sheet = entries.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    // No raw newline: a text's LF and CR are references, so each COPY line end is a row end.
    expect(sheet.split("\n")).toHaveLength(2); // the one after the XML declaration
    expect(sheet).toContain("linha 1&#13;&#10;linha 2");

    const book = XLSX.read(all.copied, { type: "buffer" });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets["Dados"]!, { defval: null });
    const names = rows.map((r) => r.arquivo ?? "").sort();
    // Controls XML cannot carry are dropped, as the writer drops them; everything else comes back as it was.
    // (SheetJS reads the CR LF pair as one LF; the sheet holds both, as the assertion above shows.)
    const carried = (t: string) => t.replace(/[\u0001-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/\r\n/g, "\n");
    expect(names).toEqual([...TRICKY, LONG].map(carried).sort());
    expect(rows.find((r) => r.arquivo === "=cmd|' /C calc'!A0")).toBeTruthy();
    expect(book.Sheets["Dados"]!.A2?.f).toBeUndefined();
    expect(typeof rows[0]!.bytes).toBe("number");

    const two = await both(Prisma.sql`TRUE`, { separator: ";", metadata: false, format: "xlsx", limit: 2 });
    await sameEntries(two.copied, two.written);
    expect(two.counted).toBe(2);
    const none = await both(Prisma.sql`FALSE`, { separator: ";", metadata: false, format: "xlsx" });
    await sameEntries(none.copied, none.written);
    expect(none.counted).toBe(0);
  });

  it("a catalog filter (parameters of every kind written into the COPY) and a limit", async () => {
    const where = whereOf(
      imageFilterConditions({
        batchId,
        brandId,
        processingStatus: "READY",
        from: "2020-01-01",
        to: "2999-12-31",
        q: "o'que \\ 100%",
      }),
    );
    const none = await both(where, { separator: ";", metadata: true });
    expect(none.copied.equals(none.written)).toBe(true);
    expect(none.counted).toBe(0);

    const filtered = whereOf(imageFilterConditions({ brandId, processingStatus: "READY", from: "2020-01-01" }));
    const some = await both(filtered, { separator: ";", metadata: true, limit: 4 });
    expect(some.copied.equals(some.written)).toBe(true);
    expect(some.counted).toBe(4);

    const ids = await getPrisma().image.findMany({ select: { id: true }, take: 3, orderBy: { id: "desc" } });
    const selection = await both(Prisma.sql`i."id" = ANY(${ids.map((r) => r.id)}::uuid[])`, {
      separator: ",",
      metadata: false,
    });
    expect(selection.copied.equals(selection.written)).toBe(true);
    expect(selection.counted).toBe(3);
  });
});

describe("a large export's COPY", () => {
  it("finds each photo's source URL through the (imageId, id) index, also with sorting off", async () => {
    // A large selection's COPY runs with enable_sort off (copy-export.ts, preferRowOrder). With an
    // index on "imageId" alone, "first URL by id" then walked the whole BatchUrl primary key for
    // every photo (300,000 URLs: ~4,000× the cost a photo) — an export of a URL-batch catalog that
    // would never end.
    const prisma = getPrisma();
    const chunk = await prisma.batchChunk.create({ data: { batchId, index: 1, total: 20_000 } });
    await prisma.$executeRaw`
      INSERT INTO "BatchUrl" ("id", "batchId", "chunkId", "lineNumber", "url", "updatedAt")
      SELECT gen_random_uuid(), ${batchId}::uuid, ${chunk.id}::uuid, n, 'http://127.0.0.1/plan/' || n, now()
      FROM generate_series(1, 20000) n`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('ANALYZE "BatchUrl"');
      await client.query("SET enable_sort = off");
      const cells = imageExportColumns(true).map((c) => c.sql!);
      const statement = csvCopyStatement(imageExportQuery(Prisma.sql`TRUE`), cells, ";");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${copySelect(statement)}`);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("BatchUrl_imageId_id_idx");
      expect(plan).not.toContain("BatchUrl_pkey");
    } finally {
      await client.end();
      await prisma.batchUrl.deleteMany({ where: { chunkId: chunk.id } });
      await prisma.batchChunk.delete({ where: { id: chunk.id } });
    }
  });
});
