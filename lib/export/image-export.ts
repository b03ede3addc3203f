import { getPrisma, Prisma } from "@/lib/db/client";
import type { ColumnSql, ExportColumn } from "./columns";
import { keysetPages } from "./export-stream";

/** One photo as exports see it: the image, its product's carteira fields and where it came from. */
export type ImageExportRow = {
  id: string;
  originalName: string;
  relativePath: string | null;
  sku: string | null;
  skuBase: string | null;
  sequence: string | null;
  status: string;
  matchStatus: string;
  processingStatus: string;
  processingErrorCode: string | null;
  processingError: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
  contentType: string;
  sha256: string;
  /** Moments come as ISO 8601 text (`2026-12-03T14:05:00.000Z`, what Date#toISOString writes), made by PostgreSQL. */
  createdAt: string;
  processedAt: string | null;
  brand: string | null;
  collection: string | null;
  nomePeca: string | null;
  categoria: string | null;
  subcategoria: string | null;
  tipoPeca: string | null;
  corCarteira: string | null;
  origem: string | null;
  aiTitle: string | null;
  aiDescription: string | null;
  /** The tags / hashtags joined by a space. */
  aiTags: string;
  aiHashtags: string;
  aiColor: string | null;
  aiMaterial: string | null;
  aiTipoPeca: string | null;
  aiStyle: string | null;
  aiOcrText: string | null;
  aiSource: string | null;
  aiModel: string | null;
  aiAnalyzedAt: string | null;
  sourceUrl: string | null;
};

// Each column also says how its value reads from IMAGE_EXPORT_SELECT's row in SQL (its field, quoted), for
// the exports PostgreSQL writes (CSV through COPY, export-stream.ts): the same value, as text or a number.
const column = (
  key: string,
  value: ExportColumn<ImageExportRow>["value"],
  sql: ColumnSql,
): ExportColumn<ImageExportRow> => ({ key, header: key, value, sql });
const field = (name: keyof ImageExportRow): ColumnSql => ({ text: `"${name}"` });
const numberField = (name: keyof ImageExportRow): ColumnSql => ({ number: `"${name}"` });
// An enum's name or a moment to_char formats: never empty, never a formula (ColumnSql.plain).
const plainField = (name: keyof ImageExportRow): ColumnSql => ({ text: `"${name}"`, plain: true });

/** The columns every photo export has (seed 004's `metadata=false`). */
export const IMAGE_BASE_COLUMNS: readonly ExportColumn<ImageExportRow>[] = [
  column("arquivo", (r) => r.originalName, field("originalName")),
  column("caminho", (r) => r.relativePath, field("relativePath")),
  column("sku", (r) => r.sku, field("sku")),
  column("sku_base", (r) => r.skuBase, field("skuBase")),
  column("sequencia", (r) => r.sequence, field("sequence")),
  column("status", (r) => r.status, plainField("status")),
  column("status_vinculo", (r) => r.matchStatus, plainField("matchStatus")),
  column("status_processamento", (r) => r.processingStatus, plainField("processingStatus")),
  column("erro", (r) => r.processingErrorCode, field("processingErrorCode")),
  column("erro_mensagem", (r) => r.processingError, field("processingError")),
  column("url_origem", (r) => r.sourceUrl, field("sourceUrl")),
  column("url_foto", (r) => `/api/v1/images/${r.id}/original`, {
    text: `'/api/v1/images/' || "id" || '/original'`,
    plain: true,
  }),
  column("recebida_em", (r) => r.createdAt, plainField("createdAt")),
];

/** The carteira, AI and technical columns (`metadata=true`, the default). */
export const IMAGE_METADATA_COLUMNS: readonly ExportColumn<ImageExportRow>[] = [
  column("marca", (r) => r.brand, field("brand")),
  column("colecao", (r) => r.collection, field("collection")),
  column("nome_peca", (r) => r.nomePeca, field("nomePeca")),
  column("categoria", (r) => r.categoria, field("categoria")),
  column("subcategoria", (r) => r.subcategoria, field("subcategoria")),
  column("tipo_peca", (r) => r.tipoPeca, field("tipoPeca")),
  column("cor", (r) => r.corCarteira, field("corCarteira")),
  column("origem", (r) => r.origem, field("origem")),
  column("ia_titulo", (r) => r.aiTitle, field("aiTitle")),
  column("ia_descricao", (r) => r.aiDescription, field("aiDescription")),
  column("ia_tags", (r) => r.aiTags, field("aiTags")),
  column("ia_hashtags", (r) => r.aiHashtags, field("aiHashtags")),
  column("ia_cor", (r) => r.aiColor, field("aiColor")),
  column("ia_material", (r) => r.aiMaterial, field("aiMaterial")),
  column("ia_tipo_peca", (r) => r.aiTipoPeca, field("aiTipoPeca")),
  column("ia_estilo", (r) => r.aiStyle, field("aiStyle")),
  column("texto_na_foto", (r) => r.aiOcrText, field("aiOcrText")),
  column("ia_origem", (r) => r.aiSource, field("aiSource")),
  column("ia_modelo", (r) => r.aiModel, field("aiModel")),
  column("ia_analisada_em", (r) => r.aiAnalyzedAt, plainField("aiAnalyzedAt")),
  column("largura", (r) => r.width, numberField("width")),
  column("altura", (r) => r.height, numberField("height")),
  column("bytes", (r) => r.bytes, numberField("bytes")),
  column("tipo", (r) => r.contentType, field("contentType")),
  column("sha256", (r) => r.sha256, field("sha256")),
  column("processada_em", (r) => r.processedAt, plainField("processedAt")),
];

export function imageExportColumns(metadata: boolean): readonly ExportColumn<ImageExportRow>[] {
  return metadata ? [...IMAGE_BASE_COLUMNS, ...IMAGE_METADATA_COLUMNS] : IMAGE_BASE_COLUMNS;
}

/** Rows read per query: each is one keyset probe on the primary key. */
export const IMAGE_EXPORT_PAGE_SIZE = 1_000;

// A moment (timestamp(3), UTC) as the text Date#toISOString gives: PostgreSQL formats it, so a
// million rows cost no Date parsed and printed again in JavaScript (bench:export).
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The columns of an ImageExportRow, read from `"Image" i` with IMAGE_EXPORT_JOINS. Values come
 * ready to write: moments as ISO text, tags joined, bytes as a number (no bigint to convert).
 */
export const IMAGE_EXPORT_SELECT = Prisma.sql`
  i."id"::text AS id, i."originalName", i."relativePath", p."sku", i."skuBase", i."sequence",
  i."status"::text AS status, i."matchStatus"::text AS "matchStatus", i."processingStatus"::text AS "processingStatus",
  i."processingErrorCode", i."processingError", i."width", i."height", i."bytes"::float8 AS bytes, i."contentType", i."sha256",
  ${iso(`i."createdAt"`)} AS "createdAt", ${iso(`i."processedAt"`)} AS "processedAt", b."name" AS brand, c."name" AS collection,
  p."nomePeca", p."categoria", p."subcategoria", p."tipoPeca", p."cor" AS "corCarteira", p."origem",
  i."aiTitle", i."aiDescription", array_to_string(i."aiTags", ' ') AS "aiTags",
  array_to_string(i."aiHashtags", ' ') AS "aiHashtags", i."aiColor", i."aiMaterial", i."aiTipoPeca",
  i."aiStyle", i."aiOcrText", i."aiSource", i."aiModel", ${iso(`i."aiAnalyzedAt"`)} AS "aiAnalyzedAt",
  (SELECT su."url" FROM "BatchUrl" su WHERE su."imageId" = i."id" ORDER BY su."id" LIMIT 1) AS "sourceUrl"`;

export const IMAGE_EXPORT_JOINS = Prisma.sql`
  LEFT JOIN "Product" p ON p."id" = i."productId"
  LEFT JOIN "Brand" b ON b."id" = i."brandId"
  LEFT JOIN "Collection" c ON c."id" = i."collectionId"`;

/**
 * Every photo matching `where` in id order (at most `limit`) as one query: the rows of
 * imageExportPages, for the exports PostgreSQL writes itself (ExportSpec.sql). Ends with OFFSET 0
 * so the query around it reads each field once (a subquery with OFFSET is not flattened into it:
 * the `url_origem` subquery runs once a row, not once a use).
 */
export function imageExportQuery(where: Prisma.Sql, limit?: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${IMAGE_EXPORT_SELECT}
    FROM "Image" i ${IMAGE_EXPORT_JOINS}
    WHERE ${where}
    ORDER BY i."id" ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`} OFFSET 0`;
}

/** One page of the photos matching `where` (over `"Image" i`) after `afterId`, in id order, at most `limit`. */
export function imageExportPage(where: Prisma.Sql, afterId: string | null, limit: number): Promise<ImageExportRow[]> {
  const after = afterId ? Prisma.sql`AND i."id" > ${afterId}::uuid` : Prisma.empty;
  return getPrisma().$queryRaw<ImageExportRow[]>`
    SELECT ${IMAGE_EXPORT_SELECT}
    FROM "Image" i ${IMAGE_EXPORT_JOINS}
    WHERE ${where} ${after}
    ORDER BY i."id" LIMIT ${limit}`;
}

/** The photos matching `where`, a page at a time, up to `limit` rows in all (none: every one). */
export function imageExportPages(
  where: Prisma.Sql,
  options: { limit?: number; pageSize?: number } = {},
): AsyncGenerator<ImageExportRow[]> {
  return keysetPages(
    (after, limit) => imageExportPage(where, after, limit),
    (row) => row.id,
    options.pageSize ?? IMAGE_EXPORT_PAGE_SIZE,
    options.limit,
  );
}
