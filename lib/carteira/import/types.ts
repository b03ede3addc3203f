import type { CarteiraErrorCode } from "@/lib/carteira/parse";

/** Row problems found while importing (parse row errors + import-level checks). */
export type ImportRowErrorCode = "SKU_MISSING" | "INVALID_NUMBER" | "DUPLICATE_SKU" | "COLLECTION_WITHOUT_BRAND";

export interface ImportIssue {
  /** null for whole-file problems (e.g. NO_SKU_COLUMN). */
  sheet: string | null;
  line: number | null;
  code: ImportRowErrorCode | CarteiraErrorCode | "INTERNAL";
  /** pt-BR, for the API; the UI renders `code` with `params`. */
  message: string;
  params?: Record<string, string | number>;
  /** "warning": reported, the import still runs (e.g. a non-numeric price is left out). */
  severity: "error" | "warning";
}

export type ImportStatusName = "PENDING" | "RUNNING" | "COMPLETED" | "FAILED";

export interface ImportSummary {
  id: string;
  status: ImportStatusName;
  fileName: string;
  created: number;
  updated: number;
  unchanged: number;
  totalRows: number;
  processedRows: number;
  errorCount: number;
  errors: ImportIssue[];
  failureReason: string | null;
  /** Whole-file error code when the file itself was refused (parse error), else null. */
  errorCode: string | null;
}

/** Product columns a carteira import may write (field separation: never AI or image fields). */
export const PRODUCT_TEXT_FIELDS = ["nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;
export type ProductTextField = (typeof PRODUCT_TEXT_FIELDS)[number];

/** At most this many issues are kept in CarteiraImport.errors (errorCount has the total). */
export const MAX_STORED_ISSUES = 1000;
