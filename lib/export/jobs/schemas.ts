import { z } from "zod";
import { imageFilterShape } from "@/lib/images/schemas";
import { dateOf, EXPORT_MAX_ROWS, MULTIPLE_EXPORT_MAX_BATCHES } from "../schemas";

const format = z.string().min(1).max(20).default("csv");
const separator = z.enum([";", ","]).default(";");
const dateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * POST /api/v1/export/jobs: the same exports as the streamed routes, written by a worker into blob
 * storage — `filtered` (POST /export/filtered's body), `batch` (GET /export/batch/{id}'s query as
 * JSON, with `batch_id`), `batches` (POST /export/batches/multiple's body: a ZIP).
 */
export const exportJobRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("filtered"),
    filters: z.strictObject(imageFilterShape).default({}),
    format,
    limit: z.number().int().min(1).max(EXPORT_MAX_ROWS).optional(),
    metadata: z.boolean().default(true),
    separator,
  }),
  z
    .strictObject({
      kind: z.literal("batch"),
      batch_id: z.uuid("Id de lote inválido."),
      format,
      metadata: z.boolean().default(true),
      separator,
      success_only: z.boolean().default(false),
      failed_only: z.boolean().default(false),
      start_date: dateParam.optional(),
      end_date: dateParam.optional(),
    })
    .refine((q) => !(q.success_only && q.failed_only), {
      message: "Use success_only ou failed_only, não os dois.",
      path: ["failed_only"],
    })
    .refine((q) => !q.start_date || !q.end_date || dateOf(q.start_date, "from") < dateOf(q.end_date, "to"), {
      message: "start_date é depois de end_date.",
      path: ["start_date"],
    }),
  z.strictObject({
    kind: z.literal("batches"),
    batch_ids: z
      .array(z.uuid("Id de lote inválido."))
      .min(1, "Informe ao menos um lote.")
      .max(MULTIPLE_EXPORT_MAX_BATCHES, `No máximo ${MULTIPLE_EXPORT_MAX_BATCHES} lotes por exportação.`),
    format,
    metadata: z.boolean().default(true),
  }),
]);
export type ExportJobRequest = z.infer<typeof exportJobRequestSchema>;

export const EXPORT_JOB_STATUSES = ["QUEUED", "RUNNING", "DONE", "FAILED", "EXPIRED"] as const;

/** An export job as GET /api/v1/export/jobs/{id} answers it. */
export const exportJobSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(["filtered", "batch", "batches"]),
  format: z.string(),
  status: z.enum(EXPORT_JOB_STATUSES),
  user_id: z.uuid().nullable(),
  rows: z.number().int().nonnegative(),
  total_rows: z.number().int().nonnegative().nullable(),
  /** rows / total_rows in percent, null until the total is known. */
  progress: z.number().min(0).max(100).nullable(),
  bytes: z.number().int().nonnegative(),
  error_code: z.string().nullable(),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
  expires_at: z.iso.datetime().nullable(),
  /** The file, once DONE and until it expires. */
  download_url: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

export const exportJobListSchema = z.strictObject({ items: z.array(exportJobSchema) });

/** The job's payload: the record it writes (the request is on the record). */
export const exportJobPayloadSchema = z.strictObject({ exportId: z.uuid() });
