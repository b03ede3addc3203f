import "server-only";
import { CSV_BOM, csvLine } from "@/lib/export/csv";
import { listSkusWithoutPhoto, type SkusWithoutPhotoQuery } from "./skus-without-photo";

const PAGE_SIZE = 1_000;
export const SKUS_WITHOUT_PHOTO_HEADER = [
  "sku",
  "nome_peca",
  "categoria",
  "subcategoria",
  "tipo_peca",
  "origem",
  "cor",
  "marca",
  "colecao",
];

/**
 * "SKUs sem foto" as a CSV stream for Excel pt-BR (BOM, `;`, CRLF). Rows are read in keyset pages
 * of 1,000 only when the client pulls, so a million rows stream with bounded memory.
 */
export function skusWithoutPhotoCsvStream(
  filter: Omit<SkusWithoutPhotoQuery, "cursor" | "limit">,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLine(SKUS_WITHOUT_PHOTO_HEADER)));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const page = await listSkusWithoutPhoto({ ...filter, cursor, limit: PAGE_SIZE });
      const text = page.items
        .map((r) =>
          csvLine([
            r.sku,
            r.nomePeca,
            r.categoria,
            r.subcategoria,
            r.tipoPeca,
            r.origem,
            r.cor,
            r.brandName,
            r.collectionName,
          ]),
        )
        .join("");
      if (text) controller.enqueue(encoder.encode(text));
      cursor = page.nextCursor ?? undefined;
      if (!page.nextCursor) done = true;
    },
  });
}
