import * as XLSX from "@e965/xlsx";
import { CarteiraParseError, formatBytes, sheetNotFound, tooComplex, tooManyColumnsIn } from "./errors";
import { inflateZip, openZip } from "./inflate-zip";
import { checkZipLimits } from "./zip-inspect";
import { isStreamedPart, listXlsxSheets, readXlsxSheets, type OpenedXlsx } from "./read-xlsx";
import { requireSpreadsheetKind } from "./detect-file-kind";
import { resolveLimits, type CarteiraLimits, type RawCell, type RawRow, type RawSheet, type SheetInfo } from "./types";

export type WorkbookKind = "xlsx" | "xls" | "ods" | "html";

export interface ParseWorkbookOptions {
  kind: WorkbookKind;
  /** Sheet names to return; default all. Unknown names → SHEET_NOT_FOUND. */
  sheets?: string[];
  limits?: Partial<CarteiraLimits>;
  /** Read at most this many rows per sheet (preview). Default: limits.maxRows + header area. */
  rowCap?: number;
}

export interface ParsedWorkbook {
  sheetInfo: SheetInfo[];
  sheets: RawSheet[];
  /** Sheet names whose rows were cut at `rowCap` (only when rowCap was given). */
  truncated: Set<string>;
}

function checkSize(bytes: Uint8Array, limits: CarteiraLimits): void {
  if (bytes.length > limits.maxFileBytes) {
    throw new CarteiraParseError(
      "SPREADSHEET_TOO_LARGE",
      `O arquivo tem ${formatBytes(bytes.length)}; o limite é ${formatBytes(limits.maxFileBytes)}.`,
      { size: bytes.length, limit: limits.maxFileBytes },
    );
  }
}

const READ_OPTIONS = {
  dense: true,
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  cellNF: false,
  cellDates: true,
  sheetStubs: false,
  bookVBA: false,
  WTF: false,
} satisfies XLSX.ParsingOptions;

/** SheetJS's reader for an already opened zip (exported by the package, not in its typings). */
const parseZipContainer = (XLSX as unknown as { parse_zip(zip: unknown, opts: XLSX.ParsingOptions): XLSX.WorkBook })
  .parse_zip;

/** Our inflated entries as the CFB container SheetJS's own zip reader would have built. */
function zipContainer(bytes: Uint8Array, limits: CarteiraLimits): unknown {
  checkZipLimits(bytes, limits);
  const cfb = XLSX.CFB.utils.cfb_new();
  for (const file of inflateZip(bytes, limits)) XLSX.CFB.utils.cfb_add(cfb, file.name, file.data, { unsafe: true });
  return cfb;
}

/**
 * Size and zip-bomb checks, then SheetJS with options that never materialise empty cells or formulas
 * (every workbook but XLSX, which read-xlsx.ts reads). An ODS zip is inflated by `inflateZip` under
 * the limits; SheetJS only parses the result.
 */
function readWorkbook(
  bytes: Uint8Array,
  kind: Exclude<WorkbookKind, "xlsx">,
  limits: CarteiraLimits,
  sheetRows: number,
  bookSheets: boolean,
): XLSX.WorkBook {
  checkSize(bytes, limits);
  const container = kind === "ods" ? zipContainer(bytes, limits) : null;
  try {
    const options: XLSX.ParsingOptions = { ...READ_OPTIONS, bookSheets, sheetRows };
    return container ? parseZipContainer(container, options) : XLSX.read(bytes, { ...options, type: "array" });
  } catch (err) {
    throw asParseError(err);
  }
}

/** Turns what a reader threw into the parse's errors: its own as they are, anything else a corrupt file. */
function asParseError(err: unknown): CarteiraParseError {
  if (err instanceof CarteiraParseError) return err;
  // V8 refusing a string or buffer this big: the file is too much to read, not corrupt.
  if (err instanceof RangeError) return tooComplex();
  return new CarteiraParseError(
    "NOT_A_SPREADSHEET",
    "Não foi possível ler a planilha: o arquivo está corrompido ou protegido por senha.",
    { cause: err instanceof Error ? err.message : String(err) },
  );
}

/** An XLSX opened under the limits for the streaming reader (read-xlsx.ts): its sheets inflate as they are read. */
function openedXlsx(bytes: Uint8Array, limits: CarteiraLimits): OpenedXlsx {
  checkSize(bytes, limits);
  checkZipLimits(bytes, limits);
  return openZip(bytes, limits, isStreamedPart);
}

function sheetInfoOf(wb: XLSX.WorkBook): SheetInfo[] {
  const meta = wb.Workbook?.Sheets ?? [];
  return wb.SheetNames.map((name, i) => ({ name, hidden: Boolean(meta[i]?.Hidden) }));
}

/**
 * Sheet names (with hidden flag) for the sheet picker, without parsing cells. Same limits and
 * errors as a full parse. A CSV is one pseudo-sheet named after the file.
 */
export function listSheets(
  bytes: Uint8Array,
  options: { filename?: string; limits?: Partial<CarteiraLimits> } = {},
): SheetInfo[] {
  const limits = resolveLimits(options.limits);
  const filename = options.filename ?? "";
  const kind = requireSpreadsheetKind(bytes, filename, limits.maxFileBytes);
  if (kind === "csv") return [{ name: csvSheetName(filename), hidden: false }];
  if (kind === "xlsx") {
    try {
      return listXlsxSheets(openedXlsx(bytes, limits));
    } catch (err) {
      throw asParseError(err);
    }
  }
  return sheetInfoOf(readWorkbook(bytes, kind, limits, 1, true));
}

/** CSV has no sheets: its single grid is named after the file. */
export function csvSheetName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? filename;
  return base || "CSV";
}

/** Reads the chosen sheets (default all) into raw grids. */
export function parseWorkbook(bytes: Uint8Array, options: ParseWorkbookOptions): ParsedWorkbook {
  const limits = resolveLimits(options.limits);
  // One extra row beyond the cap lets us tell "exactly at the limit" from "over it".
  const fullCap = limits.maxRows + limits.headerScanRows + 1;
  const cap = options.rowCap ?? fullCap;
  if (options.kind === "xlsx") return parseXlsx(bytes, options, limits, cap);
  const wb = readWorkbook(bytes, options.kind, limits, cap, false);
  const sheetInfo = sheetInfoOf(wb);
  const wanted = options.sheets ?? wb.SheetNames;
  const out: RawSheet[] = [];
  const truncated = new Set<string>();
  for (const name of wanted) {
    const ws = wb.Sheets[name];
    if (!ws) throw sheetNotFound(name, wb.SheetNames);
    const rows = sheetToGrid(ws, name, limits);
    if (rows.length >= cap) {
      if (options.rowCap === undefined) throw tooManyRowsIn(name, limits);
      truncated.add(name);
    }
    out.push({ name, rows });
  }
  return { sheetInfo, sheets: out, truncated };
}

/** XLSX through the streaming reader: cells become raw values as the sheet's XML is read. */
function parseXlsx(
  bytes: Uint8Array,
  options: ParseWorkbookOptions,
  limits: CarteiraLimits,
  cap: number,
): ParsedWorkbook {
  let read: ReturnType<typeof readXlsxSheets>;
  try {
    read = readXlsxSheets(openedXlsx(bytes, limits), { sheets: options.sheets, rowCap: cap, limits });
  } catch (err) {
    throw asParseError(err);
  }
  const truncated = new Set<string>();
  for (const grid of read.grids) {
    if (!grid.isCut && grid.rows.length < cap) continue;
    if (options.rowCap === undefined) throw tooManyRowsIn(grid.name, limits);
    truncated.add(grid.name);
  }
  return { sheetInfo: read.sheetInfo, sheets: read.grids.map(({ name, rows }) => ({ name, rows })), truncated };
}

function tooManyRowsIn(name: string, limits: CarteiraLimits): CarteiraParseError {
  return new CarteiraParseError(
    "TOO_MANY_ROWS",
    `A aba "${name}" tem mais de ${limits.maxRows.toLocaleString("pt-BR")} linhas. Divida a carteira em arquivos menores.`,
    { sheet: name, limit: limits.maxRows },
  );
}

/**
 * Dense sheet → grid, bounded by the cells that actually exist: a declared `!ref` such as
 * A1:XFD1048576 is never iterated (SheetJS stores only real cells; sheetRows bounds the rows).
 */
function sheetToGrid(ws: XLSX.WorkSheet, name: string, limits: CarteiraLimits): RawRow[] {
  const data = (ws["!data"] ?? []) as (XLSX.CellObject[] | undefined)[];
  // Dense rows are indexed from row 1 regardless of where !ref starts.
  const rows: RawRow[] = new Array<RawRow>(data.length);
  let lastNonEmptyRow = -1;
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) {
      rows[r] = [];
      continue;
    }
    let width = 0;
    for (let c = src.length - 1; c >= 0; c--) {
      const cell = src[c];
      if (cell && cellToRaw(cell) !== "") {
        width = c + 1;
        break;
      }
    }
    if (width > limits.maxColumns) throw tooManyColumnsIn(name, width, limits.maxColumns);
    const row: RawRow = new Array<RawCell>(width);
    for (let c = 0; c < width; c++) {
      const cell = src[c];
      row[c] = cell ? cellToRaw(cell) : "";
    }
    rows[r] = row;
    if (width > 0) lastNonEmptyRow = r;
  }
  rows.length = lastNonEmptyRow + 1;
  return rows;
}

/** Cached value only (formulas are never evaluated nor kept): strings as text, numbers as numbers. */
function cellToRaw(cell: XLSX.CellObject): RawCell {
  switch (cell.t) {
    case "s":
      return typeof cell.v === "string" ? cell.v : String(cell.v ?? "");
    case "n": {
      const v = cell.v;
      if (typeof v !== "number" || !Number.isFinite(v)) return cell.w ?? "";
      // A zero-padded number format ("00000") is how Excel shows SKUs with leading zeros: keep that text.
      if (cell.w && /^0\d+$/.test(cell.w) && Number(cell.w) === v) return cell.w;
      return v;
    }
    case "d":
      return cell.v instanceof Date ? formatDate(cell.v) : String(cell.w ?? cell.v ?? "");
    case "b":
      return cell.v ? "VERDADEIRO" : "FALSO";
    case "e":
      return cell.w ?? "";
    default:
      return cell.w ?? (cell.v === undefined || cell.v === null ? "" : String(cell.v));
  }
}

function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  // SheetJS builds dates in UTC-agnostic local fields; cellDates gives midnight for pure dates.
  const date = `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
  const hasTime = d.getHours() !== 0 || d.getMinutes() !== 0 || d.getSeconds() !== 0;
  return hasTime ? `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}` : date;
}
