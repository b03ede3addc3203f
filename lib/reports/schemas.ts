import { z } from "zod";
import { AI_STATUSES, IMAGE_STATUSES, MATCH_STATUSES, PROCESSING_STATUSES } from "@/lib/images/schemas";

/** A day (`2026-03-01`, UTC): the metrics' date range is whole days (the photos received per day). */
const dayParam = z.iso.date();

/** The longest range the per-day chart draws (a year of bars); a wider range is a 400. */
export const METRICS_MAX_DAYS = 366;
/** Without a date range, the per-day chart shows the last this many days (up to today, UTC). */
export const METRICS_DEFAULT_DAYS = 30;

const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The filters of the Relatórios → Métricas page: the same names in its URL, the API and the export. */
export const metricsFilterShape = {
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  from: dayParam.optional(),
  to: dayParam.optional(),
};

const rangeChecks = <T extends { from?: string; to?: string }>(schema: z.ZodType<T>) =>
  schema
    .refine((f) => !(f.from && f.to) || f.from <= f.to, {
      message: "A data inicial é depois da data final.",
      path: ["from"],
    })
    .refine((f) => !(f.from && f.to) || dayCount(f.from, f.to) <= METRICS_MAX_DAYS, {
      message: `O período tem no máximo ${METRICS_MAX_DAYS} dias.`,
      path: ["to"],
    });

/** GET /api/v1/reports/metrics: unknown parameters are refused (a misspelt filter is a 400, not all photos). */
export const metricsQuerySchema = rangeChecks(z.strictObject(metricsFilterShape));
export type MetricsFilter = z.infer<typeof metricsQuerySchema>;

/** The tables of the page, each exportable on its own. */
export const METRICS_TABLES = [
  "status",
  "matchStatus",
  "processingStatus",
  "aiStatus",
  "brands",
  "collections",
  "days",
  "failures",
] as const;
export type MetricsTable = (typeof METRICS_TABLES)[number];

/** GET /api/v1/export/metrics: the filters, the table and the export's format (`metadata` is the menu's, ignored). */
export const metricsExportQuerySchema = rangeChecks(
  z.strictObject({
    ...metricsFilterShape,
    table: z.enum(METRICS_TABLES),
    format: z.string().min(1).max(20).default("csv"),
    separator: z.enum([";", ","]).default(";"),
    metadata: z.enum(["true", "false"]).optional(),
  }),
);
export type MetricsExportQuery = z.infer<typeof metricsExportQuerySchema>;

const count = z.number().int().nonnegative();
const statusCounts = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.strictObject({ value: z.enum(values), count }));

/** The answer of GET /api/v1/reports/metrics (and what the page draws). */
export const metricsSchema = z.strictObject({
  total: count,
  filters: z.strictObject({
    brandId: z.uuid().nullable(),
    collectionId: z.uuid().nullable(),
    batchId: z.uuid().nullable(),
    from: z.iso.date().nullable(),
    to: z.iso.date().nullable(),
  }),
  /** Workflow (Pendente, Aprovado, …), match and processing status, AI state: every value, zeros included. */
  status: statusCounts(IMAGE_STATUSES),
  matchStatus: statusCounts(MATCH_STATUSES),
  processingStatus: statusCounts(PROCESSING_STATUSES),
  aiStatus: statusCounts(AI_STATUSES),
  brands: z.array(z.strictObject({ id: z.uuid().nullable(), name: z.string().nullable(), count })),
  /** Per collection: its photos, split by workflow status, and how many processed or failed. */
  collections: z.array(
    z.strictObject({
      id: z.uuid().nullable(),
      name: z.string().nullable(),
      brandName: z.string().nullable(),
      count,
      ready: count,
      failed: count,
      byStatus: z.record(z.enum(IMAGE_STATUSES), count),
    }),
  ),
  /** Photos received per day (UTC) over `days.from`…`days.to`, every day listed (zeros included). */
  days: z.strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    items: z.array(z.strictObject({ day: z.iso.date(), count })),
  }),
  /** Failed photos by reason (the stable error code; null when none was stored), most frequent first. */
  failures: z.array(z.strictObject({ code: z.string().nullable(), count })),
});
export type Metrics = z.infer<typeof metricsSchema>;

/** The export's own parameters on a report: the format, the CSV separator, and the menu's `metadata` (ignored). */
const reportExportShape = {
  format: z.string().min(1).max(20).default("csv"),
  separator: z.enum([";", ","]).default(";"),
  metadata: z.enum(["true", "false"]).optional(),
};

/** GET /api/v1/reports/skus-sem-foto: the report's filters and the export's format. */
export const skusWithoutPhotoExportQuerySchema = z.strictObject({
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  categoria: z.string().trim().max(120).optional(),
  q: z.string().trim().max(120).optional(),
  ...reportExportShape,
});

/** GET /api/v1/reports/coverage/export: coverage per collection under the page's filters. */
export const coverageExportQuerySchema = z.strictObject({
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  ...reportExportShape,
});
