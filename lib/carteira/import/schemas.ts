import { z } from "zod";
import { CARTEIRA_ERROR_CODES } from "@/lib/carteira/parse/errors";
import { CANONICAL_FIELDS, SPREADSHEET_KINDS } from "@/lib/carteira/parse/types";

const jsonField = <S extends z.ZodType>(schema: S, label: string) =>
  z
    .string()
    .optional()
    .transform((text, ctx): z.infer<S> | undefined => {
      if (text === undefined || text.trim() === "") return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: `${label}: JSON inválido.` });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `${label}: formato inválido.` });
        return z.NEVER;
      }
      return parsed.data;
    });

export const sheetsSchema = z.array(z.string().min(1).max(200)).max(100);
/** Header text → canonical field, or null = "ignore (keep as extra)". */
export const mappingSchema = z.record(z.string().max(500), z.enum(CANONICAL_FIELDS).nullable());

const optionalUuid = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined))
  .pipe(z.uuid("Identificador inválido.").optional());

/** Text fields of the multipart import / preview forms (the file is read separately). */
export const importFormSchema = z.object({
  sheets: jsonField(sheetsSchema, "sheets"),
  mapping: jsonField(mappingSchema, "mapping"),
  brandId: optionalUuid,
  collectionId: optionalUuid,
});
export interface ImportForm {
  sheets?: string[];
  mapping?: z.infer<typeof mappingSchema>;
  brandId?: string;
  collectionId?: string;
}

export const importListQuerySchema = z.object({
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

// Answers of the carteira API. The server functions that build them are typed by these schemas and
// the browser's types are inferred from them (lib/queries/types.ts), so a field added on one side
// only is a type error; tests/integration/api/response-schemas.test.ts parses real answers.

const count = z.number().int().nonnegative();
/** Header text → field, or null = kept as an extra column. */
const headerMappingSchema = z.record(z.string(), z.enum(CANONICAL_FIELDS).nullable());

export const previewSheetSchema = z.strictObject({
  name: z.string(),
  headerRowNumber: z.number().int().positive(),
  headers: z.array(z.string()),
  mapping: headerMappingSchema,
  rows: z.array(z.strictObject({ line: z.number().int().positive(), cells: z.array(z.string()) })),
  missingSku: z.boolean(),
  /** null when only the top of a large sheet was read. */
  totalRows: count.nullable(),
});

/** POST /api/v1/carteira/previews: header row, mapping and first rows per sheet, duplicates found so far. */
export const carteiraPreviewSchema = z.strictObject({
  kind: z.enum(SPREADSHEET_KINDS),
  availableSheets: z.array(z.strictObject({ name: z.string(), hidden: z.boolean() })),
  sheets: z.array(previewSheetSchema),
  missingSku: z.boolean(),
  duplicates: z.array(
    z.strictObject({
      sku: z.string(),
      occurrences: z.array(z.strictObject({ sheet: z.string(), line: z.number().int().positive() })),
    }),
  ),
  /** False when the file was too big to look for duplicates now (they are still refused on import). */
  isDuplicateCheckDone: z.boolean(),
});
export type CarteiraPreview = z.infer<typeof carteiraPreviewSchema>;
export type PreviewSheet = z.infer<typeof previewSheetSchema>;

export const IMPORT_STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED"] as const;
/** Row problems found while importing (parse row errors + import-level checks). */
export const IMPORT_ROW_ERROR_CODES = [
  "SKU_MISSING",
  "INVALID_NUMBER",
  "DUPLICATE_SKU",
  "COLLECTION_WITHOUT_BRAND",
] as const;

export const importIssueSchema = z.strictObject({
  /** null for whole-file problems (e.g. NO_SKU_COLUMN). */
  sheet: z.string().nullable(),
  line: z.number().int().positive().nullable(),
  code: z.enum([...IMPORT_ROW_ERROR_CODES, ...CARTEIRA_ERROR_CODES, "INTERNAL"]),
  /** pt-BR, for the API; the UI renders `code` with `params`. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** "warning": reported, the import still runs (e.g. a non-numeric price is left out). */
  severity: z.enum(["error", "warning"]),
});

/** A finished import (201 of POST /imports, and `details` of its 4xx when refused). */
export const importSummarySchema = z.strictObject({
  id: z.uuid(),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  created: count,
  updated: count,
  unchanged: count,
  totalRows: count,
  processedRows: count,
  errorCount: count,
  errors: z.array(importIssueSchema),
  failureReason: z.string().nullable(),
  /** Whole-file error code when the file itself was refused (parse error), else null. */
  errorCode: z.string().nullable(),
});

/** 202 of POST /imports: the import runs as a job; poll GET /imports/{id}. */
export const importStartedSchema = z.strictObject({ id: z.uuid(), status: z.literal("PENDING") });
export type ImportStarted = z.infer<typeof importStartedSchema>;

export const importHistoryItemSchema = importSummarySchema.omit({ errors: true }).extend({
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  fileBytes: count,
  sheets: z.array(z.string()),
  user: z.strictObject({ id: z.uuid(), name: z.string().nullable(), email: z.string() }).nullable(),
});

export const importPageSchema = z.strictObject({
  items: z.array(importHistoryItemSchema),
  nextCursor: z.uuid().nullable(),
});

/** GET /imports/{id}: one import with its progress, its problems and the mapping it was started with. */
export const importDetailSchema = importHistoryItemSchema.extend({
  errors: z.array(importIssueSchema),
  mapping: mappingSchema,
});
