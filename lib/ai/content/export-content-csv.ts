import "server-only";
import { getPrisma, Prisma } from "@/lib/db/client";
import { imageFilterConditions, whereOf } from "@/lib/images/image-filters";
import { CSV_BOM, csvLine } from "@/lib/export/csv";
import type { ContentExportQuery } from "./schemas";

/** Photos read per page: each page is one keyset query, asked for only when the client pulls. */
export const CONTENT_EXPORT_PAGE_SIZE = 500;

export const CONTENT_CSV_HEADER = [
  "arquivo",
  "sku",
  "titulo",
  "descricao",
  "hashtags",
  "pontos_chave",
  "versao",
  "atualizado_em",
];

type Row = {
  id: string;
  originalName: string;
  sku: string | null;
  titulo: string;
  descricao: string;
  hashtags: string[];
  pontosChave: string[];
  version: number;
  createdAt: Date;
};

/** The rows of one CSV line (pure: the tests check formula safety on it). */
export function contentCsvValues(row: Omit<Row, "id">): (string | number)[] {
  return [
    row.originalName,
    row.sku ?? "",
    row.titulo,
    row.descricao,
    row.hashtags.join(" "),
    row.pontosChave.join(" | "),
    row.version,
    row.createdAt.toISOString(),
  ];
}

function selectionSql(query: ContentExportQuery): Prisma.Sql {
  const { imageIds, ...filter } = query;
  if (imageIds) return Prisma.sql`i."id" = ANY(${imageIds}::uuid[])`;
  return whereOf(imageFilterConditions(filter));
}

/** One page of the selected photos that have content, after `afterId` in id order, with their current version. */
export async function contentExportPage(query: ContentExportQuery, afterId: string | null, limit: number) {
  const after = afterId ? Prisma.sql`AND i."id" > ${afterId}::uuid` : Prisma.empty;
  return getPrisma().$queryRaw<Row[]>`
    SELECT i."id"::text AS id, i."originalName", COALESCE(p."sku", i."skuBase") AS sku,
      v."titulo", v."descricao", v."hashtags", v."pontosChave", v."version", v."createdAt"
    FROM "Image" i
    JOIN "ContentVersion" v ON v."imageId" = i."id" AND v."version" = i."contentVersion"
    LEFT JOIN "Product" p ON p."id" = i."productId"
    WHERE i."contentVersion" IS NOT NULL AND ${selectionSql(query)} ${after}
    ORDER BY i."id" LIMIT ${limit}`;
}

/**
 * The content of a selection or a catalog filter as CSV for Excel pt-BR (the "SKUs sem foto"
 * writer's cells: BOM, `;`, CRLF, and formula-like cells — = + - @ tab CR first — prefixed with
 * `'`, OWASP's CSV-injection rule). One row per photo with content (its current version). Pages
 * are read only when the client pulls, so memory stays bounded whatever the size.
 */
export function contentCsvStream(
  query: ContentExportQuery,
  pageSize = CONTENT_EXPORT_PAGE_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: string | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    // Every pull enqueues or closes (a pull that did neither would leave the reader waiting).
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(CONTENT_CSV_HEADER)));
        return;
      }
      const rows = await contentExportPage(query, afterId, pageSize);
      if (rows.length > 0)
        controller.enqueue(encoder.encode(rows.map((row) => csvLine(contentCsvValues(row))).join("")));
      afterId = rows.at(-1)?.id ?? afterId;
      if (rows.length < pageSize) controller.close();
    },
  });
}
