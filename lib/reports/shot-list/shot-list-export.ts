import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import type { ExportColumn } from "@/lib/export/columns";
import type { ExportEstimate } from "@/lib/export/estimated-size";
import { ESTIMATE_SAMPLE_ROWS, estimateExport } from "@/lib/export/export-estimate";
import { keysetPages } from "@/lib/export/export-stream";
import { recordedSourceExport } from "@/lib/export/record-export";
import type { z } from "zod";
import type { shotListExportQuerySchema } from "./schemas";
import { getShotListSummary, listShotListMatrix, loadShotListScope, type ShotListMatrixRow } from "./shot-list-report";

type ExportQuery = z.infer<typeof shotListExportQuerySchema>;

/**
 * The matrix's columns: the SKU's carteira fields, then one column per angle of the lists in scope
 * (`com foto` / `falta`, empty where the SKU's list does not ask for that angle), then what is missing.
 */
export function shotListExportColumns(angleNames: readonly string[]): ExportColumn<ShotListMatrixRow>[] {
  return [
    { key: "sku", header: "sku", value: (r) => r.sku },
    { key: "nome_peca", header: "nome_peca", value: (r) => r.nomePeca },
    { key: "categoria", header: "categoria", value: (r) => r.categoria },
    { key: "fornecedor", header: "fornecedor", value: (r) => r.fornecedor },
    { key: "marca", header: "marca", value: (r) => r.brandName },
    { key: "colecao", header: "colecao", value: (r) => r.collectionName },
    ...angleNames.map((angle): ExportColumn<ShotListMatrixRow> => ({
      key: `angulo_${angle}`,
      header: angle,
      value: (r) => {
        const cell = r.cells.find((c) => c.angle === angle);
        return cell ? (cell.hasPhoto ? "com foto" : "falta") : null;
      },
    })),
    { key: "faltam", header: "faltam", value: (r) => r.missing.join(", ") },
    { key: "completo", header: "completo", value: (r) => r.isComplete },
  ];
}

/**
 * The whole filtered matrix as what an export writes, read in keyset pages, and its Resumo;
 * `limit`: at most that many rows (an estimate's sample), no page beyond them asked for.
 */
async function shotListSource(query: ExportQuery, limit = Number.POSITIVE_INFINITY) {
  const { brandId, collectionId, categoria, fornecedor, incomplete, separator } = query;
  const filter = { brandId, collectionId, categoria, fornecedor, incomplete };
  const scope = await loadShotListScope(filter);
  const angleNames = [...new Set(scope.lists.flatMap((l) => l.angles.map((a) => a.name)))];
  return {
    columns: shotListExportColumns(angleNames),
    csvSeparator: separator,
    pages: keysetPages<ShotListMatrixRow>(
      async (after, limit) =>
        (await listShotListMatrix({ ...filter, cursor: after ?? undefined, limit: Math.min(limit, 500) }, scope)).items,
      (r) => r.sku,
      Math.min(500, limit),
      limit,
    ),
    summary: async () => {
      const summary = await getShotListSummary(filter, scope);
      return [
        { label: "SKUs", value: summary.totals.totalSkus },
        { label: "SKUs completos", value: summary.totals.completeSkus },
        { label: "% completos", value: summary.totals.percentComplete },
        { label: "% ângulos com foto", value: summary.totals.percentAngles },
        ...summary.byCollection.map((g) => ({ label: `Coleção ${g.label}`, value: `${g.percentComplete}%` })),
        { label: "Exportado em", value: new Date() },
      ];
    },
  };
}

/** GET /api/v1/reports/shot-list/export: the whole filtered matrix through the export engine. */
export async function shotListExport(actor: SessionUser, query: ExportQuery) {
  const meta = { kind: "shot-list", userId: actor.id };
  return { ...(await recordedSourceExport(meta, query.format, await shotListSource(query))), name: "shot-list" };
}

/** GET /api/v1/reports/shot-list/export/estimate: the matrix's first rows in every format. */
export async function shotListExportEstimate(query: ExportQuery): Promise<ExportEstimate> {
  return estimateExport(await shotListSource(query, ESTIMATE_SAMPLE_ROWS + 1));
}
