/** Whole-file problems. Codes are stable (API `error` field, in lib/errors/error-codes.ts with their status); messages are pt-BR. */
export const CARTEIRA_ERROR_CODES = [
  "EMPTY_FILE",
  "NOT_A_SPREADSHEET",
  "NO_SKU_COLUMN",
  "SPREADSHEET_TOO_LARGE",
  "ZIP_BOMB",
  "SPREADSHEET_TOO_COMPLEX",
  "TOO_MANY_ROWS",
  "TOO_MANY_COLUMNS",
  "SHEET_NOT_FOUND",
] as const;
export type CarteiraErrorCode = (typeof CARTEIRA_ERROR_CODES)[number];

export function isCarteiraErrorCode(value: unknown): value is CarteiraErrorCode {
  return (CARTEIRA_ERROR_CODES as readonly unknown[]).includes(value);
}

export class CarteiraParseError extends Error {
  readonly code: CarteiraErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: CarteiraErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "CarteiraParseError";
    this.code = code;
    this.details = details;
  }
}

export function isCarteiraParseError(err: unknown): err is CarteiraParseError {
  return err instanceof CarteiraParseError;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The parse ran out of its memory or time budget (a hostile or pathological file). */
export function tooComplex(reason: "memory" | "time" = "memory"): CarteiraParseError {
  const why = reason === "time" ? "demorou demais para ser lida" : "exige memória demais para ser lida";
  return new CarteiraParseError(
    "SPREADSHEET_TOO_COMPLEX",
    `A planilha ${why}. Remova abas, formatação e linhas vazias ou divida a carteira em arquivos menores.`,
    { reason },
  );
}

/** A sheet asked for by name that the workbook does not have. */
export function sheetNotFound(sheet: string, available: string[]): CarteiraParseError {
  return new CarteiraParseError("SHEET_NOT_FOUND", `A aba "${sheet}" não existe nesta planilha.`, { sheet, available });
}

/** A sheet row with values past the column limit (`columns`: how far its values reach). */
export function tooManyColumnsIn(sheet: string, columns: number, limit: number): CarteiraParseError {
  return new CarteiraParseError("TOO_MANY_COLUMNS", `A aba "${sheet}" tem mais de ${limit} colunas preenchidas.`, {
    sheet,
    columns,
    limit,
  });
}
