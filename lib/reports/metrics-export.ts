import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import type { ExportColumn } from "@/lib/export/columns";
import type { ExportEstimate } from "@/lib/export/estimated-size";
import { estimateExport } from "@/lib/export/export-estimate";
import { onePage } from "@/lib/export/export-stream";
import type { ExportFormat } from "@/lib/export/formats";
import { recordedSourceExport } from "@/lib/export/record-export";
import { IMAGE_STATUSES } from "@/lib/images/schemas";
import ptErrors from "@/messages/pt-BR/errors.json";
import ptReports from "@/messages/pt-BR/reports.json";
import { getMetrics } from "./metrics";
import { percentOf } from "./metrics-shape";
import type { Metrics, MetricsExportQuery, MetricsTable } from "./schemas";

const labels = ptReports.reports.metrics;
const errorTexts: Record<string, string> = ptErrors.errors;

type Row = Record<string, string | number | null>;
type Table = { columns: ExportColumn<Row>[]; rows: Row[] };

const column = (key: string, header = key): ExportColumn<Row> => ({ key, header, value: (row) => row[key] });

/** A status dimension as rows: its code, its pt-BR label, the photos and their share. */
function statusTable(
  counts: readonly { value: string; count: number }[],
  names: Record<string, string>,
  total: number,
): Table {
  return {
    columns: [column("valor"), column("rotulo"), column("fotos"), column("percentual")],
    rows: counts.map((c) => ({
      valor: c.value,
      rotulo: names[c.value] ?? c.value,
      fotos: c.count,
      percentual: percentOf(c.count, total),
    })),
  };
}

/** One table of the page as export rows (pt-BR headers in snake case, as the other exports). */
export function metricsTable(metrics: Metrics, table: MetricsTable): Table {
  switch (table) {
    case "status":
    case "matchStatus":
    case "processingStatus":
    case "aiStatus":
      return statusTable(metrics[table], labels[table], metrics.total);
    case "brands":
      return {
        columns: [column("marca"), column("fotos"), column("percentual")],
        rows: metrics.brands.map((b) => ({
          marca: b.name ?? labels.noBrand,
          fotos: b.count,
          percentual: percentOf(b.count, metrics.total),
        })),
      };
    case "collections":
      return {
        columns: [
          column("colecao"),
          column("marca"),
          column("fotos"),
          column("prontas"),
          column("falharam"),
          ...IMAGE_STATUSES.map((s) => column(s.toLowerCase())),
        ],
        rows: metrics.collections.map((c) => ({
          colecao: c.name ?? labels.noCollection,
          marca: c.brandName ?? labels.noBrand,
          fotos: c.count,
          prontas: c.ready,
          falharam: c.failed,
          ...Object.fromEntries(IMAGE_STATUSES.map((s) => [s.toLowerCase(), c.byStatus[s]])),
        })),
      };
    case "days":
      return {
        columns: [column("dia"), column("fotos")],
        rows: metrics.days.items.map((d) => ({ dia: d.day, fotos: d.count })),
      };
    case "failures":
      return {
        columns: [column("codigo"), column("motivo"), column("fotos")],
        rows: metrics.failures.map((f) => ({
          codigo: f.code,
          motivo: f.code ? (errorTexts[f.code] ?? f.code) : labels.unknownReason,
          fotos: f.count,
        })),
      };
  }
}

const FILE_NAMES: Record<MetricsTable, string> = {
  status: "metricas-status",
  matchStatus: "metricas-vinculo",
  processingStatus: "metricas-processamento",
  aiStatus: "metricas-ia",
  brands: "metricas-marcas",
  collections: "metricas-colecoes",
  days: "metricas-por-dia",
  failures: "metricas-falhas",
};

/** One table of the page under the query's filters, as what an export writes (and what its Resumo says). */
async function metricsSource(query: MetricsExportQuery) {
  const { brandId, collectionId, batchId, from, to, table, separator } = query;
  const metrics = await getMetrics({ brandId, collectionId, batchId, from, to });
  const { columns, rows } = metricsTable(metrics, table);
  return {
    columns,
    csvSeparator: separator,
    pages: onePage(rows),
    summary: async () => [
      { label: "Relatório", value: `Métricas: ${labels.sections[table].title}` },
      { label: "Fotos com estes filtros", value: metrics.total },
      { label: "Filtros", value: JSON.stringify(metrics.filters) },
      { label: "Exportado em", value: new Date() },
    ],
  };
}

/**
 * GET /api/v1/export/metrics: one table of Relatórios → Métricas under the page's filters, in the
 * format asked for, through the export engine (formula-safe cells, XLSX with its "Resumo" sheet
 * naming the report and the filters), recorded as an export of kind `metrics`.
 */
export async function metricsExport(
  actor: SessionUser,
  query: MetricsExportQuery,
): Promise<{ format: ExportFormat; name: string; stream: ReadableStream<Uint8Array> }> {
  const meta = { kind: "metrics", userId: actor.id };
  return {
    ...(await recordedSourceExport(meta, query.format, await metricsSource(query))),
    name: FILE_NAMES[query.table],
  };
}

/** GET /api/v1/export/metrics/estimate: the table in every format (export-estimate.ts). */
export async function metricsExportEstimate(query: MetricsExportQuery): Promise<ExportEstimate> {
  return estimateExport(await metricsSource(query));
}
