import { detectColumnMapping } from "./detect-column-mapping";
import { decodeText } from "./decode-text";
import { requireSpreadsheetKind } from "./detect-file-kind";
import { CarteiraParseError } from "./errors";
import { findHeaderRow } from "./find-header-row";
import { isEmptyCell, normalizeCell, normalizeText, skuKey } from "./normalize-cell";
import Papa from "papaparse";
import { detectDelimiter } from "./parse-csv";
import { csvSheetName, parseWorkbook } from "./parse-xlsx";
import {
  NUMERIC_FIELDS,
  resolveLimits,
  type CanonicalField,
  type CarteiraFields,
  type CarteiraLimits,
  type CarteiraParseResult,
  type CarteiraPreviewResult,
  type CarteiraPreviewSheet,
  type CarteiraRow,
  type CarteiraRowError,
  type CarteiraSheetResult,
  type ColumnMapping,
  type DuplicateSku,
  type MappingOverride,
  type ParseCarteiraInput,
  type PreviewCarteiraInput,
  type RawCell,
  type RawGrid,
  type RawSheet,
  type RequiredField,
  type SheetInfo,
  type SkippedSheet,
  type SpreadsheetKind,
} from "./types";

/**
 * One sheet's rows, read as often as needed. A CSV is re-parsed from its text on each pass (papaparse
 * step mode), so its rows never all exist as arrays at once; a workbook sheet is SheetJS's grid.
 * `visit` returning false stops the pass.
 */
export interface RowSource {
  name: string;
  forEach(visit: (row: readonly RawCell[], index: number) => boolean | void): void;
}

interface LoadedFile {
  kind: SpreadsheetKind;
  availableSheets: SheetInfo[];
  sheets: RowSource[];
  truncated: Set<string>;
  skipped: SkippedSheet[];
  explicit: boolean;
}

function gridSource(sheet: RawSheet): RowSource {
  return {
    name: sheet.name,
    forEach(visit) {
      for (let i = 0; i < sheet.rows.length; i++) if (visit(sheet.rows[i]!, i) === false) return;
    },
  };
}

function csvSource(text: string, name: string, limits: CarteiraLimits): RowSource {
  const delimiter = detectDelimiter(text);
  return {
    name,
    forEach(visit) {
      let i = 0;
      // No dynamicTyping: every cell stays the literal string ("00123", "=SOMA(A1)" …).
      Papa.parse<string[]>(text, {
        delimiter,
        skipEmptyLines: false,
        step: (result, parser) => {
          const row = result.data;
          if (row.length > limits.maxColumns) {
            let w = row.length;
            while (w > 0 && row[w - 1]!.trim() === "") w--;
            if (w > limits.maxColumns) {
              parser.abort();
              throw new CarteiraParseError(
                "TOO_MANY_COLUMNS",
                `A linha ${i + 1} tem mais de ${limits.maxColumns} colunas preenchidas.`,
                { line: i + 1, columns: w, limit: limits.maxColumns },
              );
            }
            row.length = w;
          }
          if (visit(row, i++) === false) parser.abort();
        },
      });
    },
  };
}

function loadFile(input: ParseCarteiraInput, limits: CarteiraLimits, rowCap?: number): LoadedFile {
  const kind = requireSpreadsheetKind(input.bytes, input.filename, limits.maxFileBytes);
  if (kind === "csv") {
    const name = csvSheetName(input.filename);
    return {
      kind,
      availableSheets: [{ name, hidden: false }],
      sheets: [csvSource(decodeText(input.bytes).text, name, limits)],
      truncated: new Set(),
      skipped: [],
      explicit: false,
    };
  }
  const explicit = Boolean(input.sheets && input.sheets.length > 0);
  const wb = parseWorkbook(input.bytes, { kind, sheets: explicit ? input.sheets : undefined, limits, rowCap });
  const skipped: SkippedSheet[] = [];
  let sheets = wb.sheets;
  if (!explicit) {
    // Hidden sheets are usually lookup tables; import them only when chosen explicitly.
    const hidden = new Set(wb.sheetInfo.filter((s) => s.hidden).map((s) => s.name));
    if (hidden.size < wb.sheetInfo.length) {
      for (const name of hidden) skipped.push({ name, reason: "hidden" });
      sheets = sheets.filter((s) => !hidden.has(s.name));
    }
  }
  return {
    kind,
    availableSheets: wb.sheetInfo,
    sheets: sheets.map(gridSource),
    truncated: wb.truncated,
    skipped,
    explicit,
  };
}

interface SheetLayout {
  headerIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  missingRequired: RequiredField[];
  headerRow: readonly RawCell[];
  /** Non-blank rows below the header. */
  dataRows: number;
}

function columnLetter(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function isBlank(row: readonly RawCell[] | undefined): boolean {
  if (!row) return true;
  for (const c of row) if (!isEmptyCell(c)) return false;
  return true;
}

function usedWidth(row: readonly RawCell[]): number {
  for (let c = row.length - 1; c >= 0; c--) if (!isEmptyCell(row[c])) return c + 1;
  return 0;
}

/**
 * First pass over a sheet: header row (among the first `headerScanRows`), display headers
 * (trailing empty columns dropped), mapping and the count of data rows. Only the top rows are kept.
 * null for an empty sheet.
 */
function layoutSheet(source: RowSource, limits: CarteiraLimits, override?: MappingOverride): SheetLayout | null {
  const head: (readonly RawCell[])[] = [];
  // Rows past the scanned top: their widest used column and how many are not blank.
  let tailWidth = 0;
  let tailDataRows = 0;
  let firstTailRow: { index: number; row: readonly RawCell[] } | null = null;
  source.forEach((row, i) => {
    if (i < limits.headerScanRows) {
      head.push(row);
      return;
    }
    if (isBlank(row)) return;
    tailDataRows++;
    tailWidth = Math.max(tailWidth, usedWidth(row));
    firstTailRow ??= { index: i, row };
  });
  let guess = findHeaderRow(head as RawGrid, limits.headerScanRows, override);
  let headerRow: readonly RawCell[];
  let width = tailWidth;
  let dataRows = tailDataRows;
  if (guess.index < 0) {
    // Nothing in the top rows: the first non-empty row further down is the header.
    const first = firstTailRow as { index: number; row: readonly RawCell[] } | null;
    if (!first) return null;
    guess = { index: first.index, mappedFields: 0, hasSku: false };
    headerRow = first.row;
    dataRows--;
  } else {
    headerRow = head[guess.index] ?? [];
    for (let r = guess.index; r < head.length; r++) {
      const row = head[r]!;
      width = Math.max(width, usedWidth(row));
      if (r > guess.index && !isBlank(row)) dataRows++;
    }
  }
  width = Math.max(width, usedWidth(headerRow));
  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    let h = normalizeText(headerRow[c] ?? "") || `Coluna ${columnLetter(c)}`;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n > 1) h = `${h} (${n})`; // unique keys for extras/overrides
    headers.push(h);
  }
  const { mapping, missingRequired } = detectColumnMapping(headers, override);
  return { headerIndex: guess.index, headers, mapping, missingRequired, headerRow, dataRows };
}

function sameAsHeader(row: readonly RawCell[], layout: SheetLayout): boolean {
  for (let c = 0; c < layout.headers.length; c++) {
    if (normalizeText(row[c] ?? "") !== normalizeText(layout.headerRow[c] ?? "")) return false;
  }
  return true;
}

function tooManyRows(name: string, limits: CarteiraLimits, count: number): CarteiraParseError {
  return new CarteiraParseError(
    "TOO_MANY_ROWS",
    `A aba "${name}" tem ${count.toLocaleString("pt-BR")} linhas; o limite é ${limits.maxRows.toLocaleString("pt-BR")}. Divida a carteira em arquivos menores.`,
    { sheet: name, rows: count, limit: limits.maxRows },
  );
}

function noSkuColumn(sheetName?: string): CarteiraParseError {
  const where = sheetName ? ` na aba "${sheetName}"` : "";
  return new CarteiraParseError(
    "NO_SKU_COLUMN",
    `Não encontramos a coluna de SKU (Referência/Código)${where}. Escolha qual coluna contém o SKU.`,
    sheetName ? { sheet: sheetName } : undefined,
  );
}

/** Second pass over a sheet: each data row normalised (→ `onRow`) or reported (→ `onError`). */
function readRows(
  source: RowSource,
  layout: SheetLayout,
  onRow: (row: CarteiraRow) => void,
  onError: (error: CarteiraRowError) => void,
): void {
  const width = layout.headers.length;
  const fieldOf: (CanonicalField | null)[] = layout.headers.map((_, c) => layout.mapping[c] ?? null);
  const numeric = fieldOf.map((f) => (f ? NUMERIC_FIELDS.has(f) : false));
  const skuCol = fieldOf.indexOf("sku");
  const headerFirst = normalizeText(layout.headerRow[0] ?? "");
  const sheet = source.name;
  source.forEach((raw, r) => {
    if (r <= layout.headerIndex) return;
    const line = r + 1;
    const fields: CarteiraFields = {};
    const extras: Record<string, string> = {};
    let any = false;
    let rowWarnings: CarteiraRowError[] | null = null;
    for (let c = 0; c < width; c++) {
      const cell = raw[c];
      if (cell === undefined || cell === "") continue;
      const field = fieldOf[c]!;
      if (!field) {
        const text = normalizeText(cell);
        if (text) {
          extras[layout.headers[c]!] = text;
          any = true;
        }
        continue;
      }
      const { value, invalid } = normalizeCell(cell, numeric[c]!);
      if (invalid) {
        any = true;
        (rowWarnings ??= []).push({
          sheet,
          line,
          code: "INVALID_NUMBER",
          message: `Valor "${normalizeText(cell)}" na coluna "${layout.headers[c]}" não é um número; campo ignorado.`,
          params: { value: normalizeText(cell), column: layout.headers[c]! },
          severity: "warning",
          column: layout.headers[c]!,
        });
        continue;
      }
      if (value === null) continue;
      fields[field] = value;
      any = true;
    }
    if (!any) return; // blank row
    if (
      raw[0] !== undefined &&
      headerFirst !== "" &&
      normalizeText(raw[0]) === headerFirst &&
      sameAsHeader(raw, layout)
    ) {
      return; // header repeated (paged ERP exports)
    }
    if (skuCol < 0 || fields.sku === undefined) {
      onError({
        sheet,
        line,
        code: "SKU_MISSING",
        message: `Linha ${line} sem SKU; linha ignorada.`,
        severity: "error",
        column: skuCol >= 0 ? layout.headers[skuCol]! : undefined,
      });
      return;
    }
    // SKUs are identifiers: always text, even if the column was mapped oddly.
    fields.sku = String(fields.sku);
    if (rowWarnings) for (const w of rowWarnings) onError(w);
    onRow({ sheet, line, fields, extras });
  });
}

function findDuplicates(sheets: CarteiraSheetResult[]): DuplicateSku[] {
  const byKey = new Map<string, DuplicateSku>();
  for (const s of sheets) {
    for (const row of s.rows) {
      const sku = row.fields.sku as string;
      const key = skuKey(sku);
      const hit = byKey.get(key);
      if (hit) hit.occurrences.push({ sheet: row.sheet, line: row.line });
      else byKey.set(key, { sku, occurrences: [{ sheet: row.sheet, line: row.line }] });
    }
  }
  return [...byKey.values()].filter((d) => d.occurrences.length > 1);
}

/** A sheet being read: everything of CarteiraSheetResult but its rows and errors. */
export type CarteiraSheetLayout = Omit<CarteiraSheetResult, "rows" | "errors">;

export interface CarteiraRowSink {
  /** Called once per imported sheet, before its rows. */
  sheet(layout: CarteiraSheetLayout): void;
  row(row: CarteiraRow): void;
  error(error: CarteiraRowError): void;
}

/**
 * The one reading of a carteira for the import: whole-file problems throw CarteiraParseError; each
 * sheet is laid out (header, mapping, row count checked against the limit) in a first pass, then
 * its rows are handed to `sink` one at a time in a second pass — never all held. A CSV is parsed
 * from its text in both passes; a workbook is held as SheetJS's grid (its bound: the unzip limit and
 * the parse worker's heap). Returns the sheets skipped.
 */
export function streamCarteiraFile(
  input: ParseCarteiraInput,
  sink: CarteiraRowSink,
): { kind: SpreadsheetKind; skippedSheets: SkippedSheet[] } {
  const limits = resolveLimits(input.limits);
  const file = loadFile(input, limits);
  const skipped = [...file.skipped];
  let imported = 0;
  for (const source of file.sheets) {
    const layout = layoutSheet(source, limits, input.mappingOverride);
    if (!layout) {
      skipped.push({ name: source.name, reason: "empty" });
      continue;
    }
    if (layout.missingRequired.includes("sku")) {
      if (file.explicit || file.kind === "csv") throw noSkuColumn(file.kind === "csv" ? undefined : source.name);
      skipped.push({ name: source.name, reason: "no_sku_column" });
      continue;
    }
    if (layout.dataRows > limits.maxRows) throw tooManyRows(source.name, limits, layout.dataRows);
    sink.sheet({
      name: source.name,
      headerRowNumber: layout.headerIndex + 1,
      headers: layout.headers,
      mapping: layout.mapping,
    });
    imported++;
    readRows(source, layout, sink.row, sink.error);
  }
  if (imported === 0) {
    if (skipped.some((s) => s.reason === "no_sku_column")) throw noSkuColumn();
    throw new CarteiraParseError("EMPTY_FILE", "A planilha não tem dados.");
  }
  return { kind: file.kind, skippedSheets: file.explicit ? [] : skipped };
}

/**
 * Full parse of an uploaded carteira (CSV/XLSX/XLS/ODS) into memory — `streamCarteiraFile` with
 * every row collected (small files, tests). Whole-file problems throw CarteiraParseError; row
 * problems are reported per row in `errors`.
 */
export function parseCarteiraFile(input: ParseCarteiraInput): CarteiraParseResult {
  const results: CarteiraSheetResult[] = [];
  const { kind, skippedSheets } = streamCarteiraFile(input, {
    sheet: (layout) => results.push({ ...layout, rows: [], errors: [] }),
    row: (row) => results[results.length - 1]!.rows.push(row),
    error: (error) => results[results.length - 1]!.errors.push(error),
  });
  return { kind, sheets: results, skippedSheets, duplicates: findDuplicates(results), missingSku: false };
}

/**
 * Header row, detected mapping and the first `maxRows` data rows of each sheet, for the import
 * preview. Never throws NO_SKU_COLUMN: `missingSku` tells the UI to ask for the SKU column.
 */
export function previewCarteiraFile(input: PreviewCarteiraInput): CarteiraPreviewResult {
  const limits = resolveLimits(input.limits);
  const maxRows = Math.max(0, input.maxRows ?? 20);
  // Spreadsheets: read only the top of each sheet; CSV is cheap enough to read whole (exact counts).
  const file = loadFile(input, limits, limits.headerScanRows + maxRows + 1);
  const sheets: CarteiraPreviewSheet[] = [];
  for (const source of file.sheets) {
    const layout = layoutSheet(source, limits, input.mappingOverride);
    if (!layout) continue;
    const truncated = file.truncated.has(source.name);
    const total = truncated ? null : layout.dataRows;
    if (total !== null && total > limits.maxRows) throw tooManyRows(source.name, limits, total);
    const rows: CarteiraPreviewSheet["rows"] = [];
    source.forEach((raw, r) => {
      if (rows.length >= maxRows) return false;
      if (r <= layout.headerIndex || isBlank(raw)) return;
      rows.push({ line: r + 1, cells: layout.headers.map((_, c) => normalizeText(raw[c] ?? "")) });
    });
    sheets.push({
      name: source.name,
      headerRowNumber: layout.headerIndex + 1,
      headers: layout.headers,
      mapping: layout.mapping,
      missingRequired: layout.missingRequired,
      rows,
      totalRows: total,
    });
  }
  if (sheets.length === 0) throw new CarteiraParseError("EMPTY_FILE", "A planilha não tem dados.");
  return {
    kind: file.kind,
    availableSheets: file.availableSheets,
    sheets,
    missingSku: sheets.every((s) => s.missingRequired.includes("sku")),
  };
}
