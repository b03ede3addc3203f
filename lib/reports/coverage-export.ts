import "server-only";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/roles";
import type { ExportColumn } from "@/lib/export/columns";
import type { ExportEstimate } from "@/lib/export/estimated-size";
import { ESTIMATE_SAMPLE_ROWS, estimateExport } from "@/lib/export/export-estimate";
import { keysetPages, onePage } from "@/lib/export/export-stream";
import { recordedSourceExport } from "@/lib/export/record-export";
import { getCoverage, summarizeCoverage, type CoverageRow } from "./coverage";
import type { coverageExportQuerySchema, skusWithoutPhotoExportQuerySchema } from "./schemas";
import { listSkusWithoutPhoto, type SkuWithoutPhoto } from "./skus-without-photo";

type SkusQuery = z.infer<typeof skusWithoutPhotoExportQuerySchema>;
type CoverageQuery = z.infer<typeof coverageExportQuerySchema>;

const PAGE_SIZE = 1_000;

/** "SKUs sem foto": the carteira fields of each SKU, then its brand and collection. */
export const SKUS_WITHOUT_PHOTO_COLUMNS: ExportColumn<SkuWithoutPhoto>[] = [
  { key: "sku", header: "sku", value: (r) => r.sku },
  { key: "nome_peca", header: "nome_peca", value: (r) => r.nomePeca },
  { key: "categoria", header: "categoria", value: (r) => r.categoria },
  { key: "subcategoria", header: "subcategoria", value: (r) => r.subcategoria },
  { key: "tipo_peca", header: "tipo_peca", value: (r) => r.tipoPeca },
  { key: "origem", header: "origem", value: (r) => r.origem },
  { key: "cor", header: "cor", value: (r) => r.cor },
  { key: "marca", header: "marca", value: (r) => r.brandName },
  { key: "colecao", header: "colecao", value: (r) => r.collectionName },
];

/** Coverage per collection, as the Cobertura table shows it. */
export const COVERAGE_COLUMNS: ExportColumn<CoverageRow>[] = [
  { key: "marca", header: "marca", value: (r) => r.brandName },
  { key: "colecao", header: "colecao", value: (r) => r.collectionName },
  { key: "skus", header: "skus", value: (r) => r.totalSkus },
  { key: "com_foto", header: "com_foto", value: (r) => r.skusWithPhoto },
  { key: "sem_foto", header: "sem_foto", value: (r) => r.skusWithoutPhoto },
  { key: "percentual", header: "percentual", value: (r) => r.percent },
];

/** `limit`: at most that many rows are read (an estimate's sample), no page beyond them asked for. */
function skusSource(query: SkusQuery, limit = Number.POSITIVE_INFINITY) {
  const { brandId, collectionId, categoria, q, separator } = query;
  const filter = { brandId, collectionId, categoria, q };
  return {
    columns: SKUS_WITHOUT_PHOTO_COLUMNS,
    csvSeparator: separator,
    // Keyset on the SKU, read only as the client pulls: a million SKUs stream with bounded memory.
    pages: keysetPages<SkuWithoutPhoto>(
      async (after, limit) => (await listSkusWithoutPhoto({ ...filter, cursor: after ?? undefined, limit })).items,
      (r) => r.sku,
      Math.min(PAGE_SIZE, limit),
      limit,
    ),
    summary: async () => [
      { label: "Relatório", value: "SKUs sem foto" },
      { label: "Filtros", value: JSON.stringify(filter) },
      { label: "Exportado em", value: new Date() },
    ],
  };
}

async function coverageSource(query: CoverageQuery) {
  const { brandId, collectionId, separator } = query;
  const rows = await getCoverage({ brandId, collectionId });
  const totals = summarizeCoverage(rows);
  return {
    columns: COVERAGE_COLUMNS,
    csvSeparator: separator,
    pages: onePage(rows),
    summary: async () => [
      { label: "Relatório", value: "Cobertura por coleção" },
      { label: "SKUs", value: totals.totalSkus },
      { label: "SKUs com foto", value: totals.skusWithPhoto },
      { label: "% com foto", value: totals.percent },
      { label: "Filtros", value: JSON.stringify({ brandId: brandId ?? null, collectionId: collectionId ?? null }) },
      { label: "Exportado em", value: new Date() },
    ],
  };
}

/** GET /api/v1/reports/skus-sem-foto (and its .csv alias): the report in the format asked for, recorded. */
export async function skusWithoutPhotoExport(actor: SessionUser, query: SkusQuery) {
  const meta = { kind: "skus-sem-foto", userId: actor.id };
  return { ...(await recordedSourceExport(meta, query.format, skusSource(query))), name: "skus-sem-foto" };
}

export function skusWithoutPhotoExportEstimate(query: SkusQuery): Promise<ExportEstimate> {
  return estimateExport(skusSource(query, ESTIMATE_SAMPLE_ROWS + 1));
}

/** GET /api/v1/reports/coverage/export: coverage per collection in the format asked for, recorded. */
export async function coverageExport(actor: SessionUser, query: CoverageQuery) {
  const meta = { kind: "coverage", userId: actor.id };
  return { ...(await recordedSourceExport(meta, query.format, await coverageSource(query))), name: "cobertura" };
}

export async function coverageExportEstimate(query: CoverageQuery): Promise<ExportEstimate> {
  return estimateExport(await coverageSource(query));
}
