/** Canonical carteira fields a column can be mapped to. Order = display order in the mapping UI. */
export const CANONICAL_FIELDS = [
  "sku",
  "nome_peca",
  "categoria",
  "subcategoria",
  "tipo_peca",
  "origem",
  "colecao",
  "marca",
  "cor",
  "tamanho",
  "grade",
  "preco",
  "custo",
  "quantidade",
  "fornecedor",
  "estilista",
  "ean",
  "genero",
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Fields whose cells are parsed as numbers (decimal commas accepted). Everything else stays text. */
export const NUMERIC_FIELDS: ReadonlySet<CanonicalField> = new Set<CanonicalField>(["preco", "custo", "quantidade"]);

export const REQUIRED_FIELDS = ["sku"] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

export function isCanonicalField(value: unknown): value is CanonicalField {
  return typeof value === "string" && (CANONICAL_FIELDS as readonly string[]).includes(value);
}

export interface CarteiraLimits {
  /** Whole upload, any kind. */
  maxFileBytes: number;
  /** Sum of declared uncompressed sizes of all zip entries (XLSX/ODS). */
  maxUncompressedBytes: number;
  /** Max uncompressed/compressed ratio for an entry larger than `ratioCheckMinBytes`. */
  maxCompressionRatio: number;
  ratioCheckMinBytes: number;
  maxZipEntries: number;
  /** Data rows per sheet (header and rows above it excluded). */
  maxRows: number;
  /** Used columns per sheet (trailing empty columns are not counted). */
  maxColumns: number;
  /** How many rows from the top are scanned for the header row. */
  headerScanRows: number;
}

export const DEFAULT_LIMITS: CarteiraLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 300 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckMinBytes: 10 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxRows: 200_000,
  maxColumns: 500,
  headerScanRows: 20,
};

export function resolveLimits(limits?: Partial<CarteiraLimits>): CarteiraLimits {
  return { ...DEFAULT_LIMITS, ...(limits ?? {}) };
}

/** Spreadsheet kinds we can read. "html" = HTML table / SpreadsheetML 2003 saved as .xls by some ERPs. */
export const SPREADSHEET_KINDS = ["csv", "xlsx", "xls", "ods", "html"] as const;
export type SpreadsheetKind = (typeof SPREADSHEET_KINDS)[number];
export type FileKind = SpreadsheetKind | "empty" | "unknown";

/** A raw cell: CSV cells are always strings; XLSX numeric cells stay numbers so decimals aren't re-guessed. */
export type RawCell = string | number;
export type RawRow = RawCell[];
export type RawGrid = RawRow[];

export interface RawSheet {
  name: string;
  /** rows[i] is sheet row i+1 (1-based line = index + 1). */
  rows: RawGrid;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export type ColumnMapping = Record<number, CanonicalField | null>;

export type CarteiraFields = Partial<Record<CanonicalField, string | number>>;

export interface CarteiraRow {
  sheet: string;
  /** 1-based line number in the file (CSV record) or sheet (Excel row number). */
  line: number;
  fields: CarteiraFields;
  /** Non-empty values of unmapped columns, keyed by their header text. */
  extras: Record<string, string>;
}

export type RowErrorCode = "SKU_MISSING" | "INVALID_NUMBER";

export interface CarteiraRowError {
  sheet: string;
  line: number;
  code: RowErrorCode;
  message: string;
  /** The values the UI renders the code's message with (lib/errors/error-codes.ts). */
  params?: Record<string, string | number>;
  /** "error": row left out of `rows`; "warning": row kept, the offending field omitted. */
  severity: "error" | "warning";
  /** Header text of the offending column, when the problem is one cell. */
  column?: string;
}

export interface CarteiraSheetResult {
  name: string;
  /** 1-based row number of the header row. */
  headerRowNumber: number;
  /** Header texts, one per used column (empty headers get "Coluna X"). */
  headers: string[];
  mapping: ColumnMapping;
  rows: CarteiraRow[];
  errors: CarteiraRowError[];
}

export interface SkippedSheet {
  name: string;
  reason: "empty" | "hidden" | "no_sku_column";
}

export interface DuplicateSku {
  /** SKU as written in its first occurrence. */
  sku: string;
  occurrences: { sheet: string; line: number }[];
}

export interface CarteiraParseResult {
  kind: SpreadsheetKind;
  sheets: CarteiraSheetResult[];
  /** Sheets present in the file but not imported, with why (only when no explicit `sheets` were chosen). */
  skippedSheets: SkippedSheet[];
  duplicates: DuplicateSku[];
  /** Always false for a successful full parse (NO_SKU_COLUMN is thrown instead); kept for symmetry with preview. */
  missingSku: boolean;
}

/** Header text → field (or null to ignore the canonical mapping and keep the column as an extra). */
export type MappingOverride = Record<string, CanonicalField | null>;

export interface ParseCarteiraInput {
  bytes: Uint8Array;
  filename: string;
  /** Sheet names to read (spreadsheets only). Default: every visible sheet that has data. */
  sheets?: string[];
  mappingOverride?: MappingOverride;
  limits?: Partial<CarteiraLimits>;
}

export interface PreviewCarteiraInput extends ParseCarteiraInput {
  /** Data rows returned per sheet (default 20). */
  maxRows?: number;
}

export interface CarteiraPreviewRow {
  line: number;
  /** Display text per header column (same order as `headers`). */
  cells: string[];
}

export interface CarteiraPreviewSheet {
  name: string;
  headerRowNumber: number;
  headers: string[];
  mapping: ColumnMapping;
  missingRequired: RequiredField[];
  rows: CarteiraPreviewRow[];
  /** Data rows below the header (non-empty). null when only the top of a large sheet was read. */
  totalRows: number | null;
}

export interface CarteiraPreviewResult {
  kind: SpreadsheetKind;
  /** Every sheet in the file (CSV: one pseudo-sheet), for the sheet picker. */
  availableSheets: SheetInfo[];
  sheets: CarteiraPreviewSheet[];
  /** True when no previewed sheet has a SKU column: the UI must ask the user to pick one. */
  missingSku: boolean;
}
