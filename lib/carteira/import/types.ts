import type { z } from "zod";
import type { IMPORT_ROW_ERROR_CODES, IMPORT_STATUSES, importIssueSchema, importSummarySchema } from "./schemas";

export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];
export type ImportIssue = z.infer<typeof importIssueSchema>;
export type ImportStatusName = (typeof IMPORT_STATUSES)[number];
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** Product columns a carteira import may write (field separation: never AI or image fields). */
export const PRODUCT_TEXT_FIELDS = ["nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;
export type ProductTextField = (typeof PRODUCT_TEXT_FIELDS)[number];

/** At most this many issues are kept in CarteiraImport.errors (errorCount has the total). */
export const MAX_STORED_ISSUES = 1000;
