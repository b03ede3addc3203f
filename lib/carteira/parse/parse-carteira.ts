import { detectColumnMapping } from "./detect-column-mapping";
import { decodeText } from "./decode-text";
import { requireSpreadsheetKind } from "./detect-file-kind";
import { CarteiraParseError } from "./errors";
import { findHeaderRow } from "./find-header-row";
import { isEmptyCell, normalizeCell, normalizeText, skuKey } from "./normalize-cell";
import { parseCsv } from "./parse-csv";
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
  type RawSheet,
  type RequiredField,
  type SheetInfo,
  type SkippedSheet,
  type SpreadsheetKind,
} from "./types";

interface LoadedFile {
  kind: SpreadsheetKind;
  availableSheets: SheetInfo[];
  sheets: RawSheet[];
  truncated: Set<string>;
  skipped: SkippedSheet[];
  explicit: boolean;
}

function loadFile(input: ParseCarteiraInput, limits: CarteiraLimits, rowCap?: number): LoadedFile {
  const kind = requireSpreadsheetKind(input.bytes, input.filename, limits.maxFileBytes);
  if (kind === "csv") {
    const { rows } = parseCsv(decodeText(input.bytes).text);
    const name = csvSheetName(input.filename);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.length > limits.maxColumns) {
        let w = row.length;
        while (w > 0 && row[w - 1]!.trim() === "") w--;
        if (w > limits.maxColumns) {
          throw new CarteiraParseError(
            "TOO_MANY_COLUMNS",
            `A linha ${i + 1} tem mais de ${limits.maxColumns} colunas preenchidas.`,
            {
              line: i + 1,
              columns: w,
              limit: limits.maxColumns,
            },
          );
        }
        row.length = w;
      }
    }
    return {
      kind,
      availableSheets: [{ name, hidden: false }],
      sheets: [{ name, rows }],
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
  return { kind, availableSheets: wb.sheetInfo, sheets, truncated: wb.truncated, skipped, explicit };
}

interface SheetLayout {
  headerIndex: number;
  headers: string[];
  mapping: ColumnMapping;
  missingRequired: RequiredField[];
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

/** Header row + display headers (trailing empty columns dropped) + mapping. null for an empty sheet. */
function layoutSheet(sheet: RawSheet, limits: CarteiraLimits, override?: MappingOverride): SheetLayout | null {
  const guess = findHeaderRow(sheet.rows, limits.headerScanRows, override);
  if (guess.index < 0) return null;
  // Used width: last column with a header or any data below it.
  let width = 0;
  for (let r = guess.index; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    for (let c = row.length - 1; c >= width; c--) {
      if (!isEmptyCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  const headerRow = sheet.rows[guess.index] ?? [];
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
  return { headerIndex: guess.index, headers, mapping, missingRequired };
}

function sameAsHeader(row: readonly RawCell[], layout: SheetLayout, headerRow: readonly RawCell[]): boolean {
  for (let c = 0; c < layout.headers.length; c++) {
    if (normalizeText(row[c] ?? "") !== normalizeText(headerRow[c] ?? "")) return false;
  }
  return true;
}

function countDataRows(sheet: RawSheet, headerIndex: number): number {
  let n = 0;
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) if (!isBlank(sheet.rows[r])) n++;
  return n;
}

function tooManyRows(sheet: RawSheet, limits: CarteiraLimits, count: number): CarteiraParseError {
  return new CarteiraParseError(
    "TOO_MANY_ROWS",
    `A aba "${sheet.name}" tem ${count.toLocaleString("pt-BR")} linhas; o limite é ${limits.maxRows.toLocaleString("pt-BR")}. Divida a carteira em arquivos menores.`,
    { sheet: sheet.name, rows: count, limit: limits.maxRows },
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

/** Rows of one sheet → normalised rows + row errors. */
function readRows(sheet: RawSheet, layout: SheetLayout): { rows: CarteiraRow[]; errors: CarteiraRowError[] } {
  const rows: CarteiraRow[] = [];
  const errors: CarteiraRowError[] = [];
  const width = layout.headers.length;
  const fieldOf: (CanonicalField | null)[] = layout.headers.map((_, c) => layout.mapping[c] ?? null);
  const numeric = fieldOf.map((f) => (f ? NUMERIC_FIELDS.has(f) : false));
  const skuCol = fieldOf.indexOf("sku");
  const headerRow = sheet.rows[layout.headerIndex] ?? [];
  const headerFirst = normalizeText(headerRow[0] ?? "");
  for (let r = layout.headerIndex + 1; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r]!;
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
          sheet: sheet.name,
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
    if (!any) continue; // blank row
    if (
      raw[0] !== undefined &&
      headerFirst !== "" &&
      normalizeText(raw[0]) === headerFirst &&
      sameAsHeader(raw, layout, headerRow)
    ) {
      continue; // header repeated (paged ERP exports)
    }
    if (skuCol < 0 || fields.sku === undefined) {
      errors.push({
        sheet: sheet.name,
        line,
        code: "SKU_MISSING",
        message: `Linha ${line} sem SKU; linha ignorada.`,
        severity: "error",
        column: skuCol >= 0 ? layout.headers[skuCol]! : undefined,
      });
      continue;
    }
    // SKUs are identifiers: always text, even if the column was mapped oddly.
    fields.sku = String(fields.sku);
    if (rowWarnings) for (const w of rowWarnings) errors.push(w);
    rows.push({ sheet: sheet.name, line, fields, extras });
  }
  return { rows, errors };
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

/**
 * Full parse of an uploaded carteira (CSV/XLSX/XLS/ODS). Whole-file problems throw
 * CarteiraParseError; row problems are reported per row in `errors`.
 */
export function parseCarteiraFile(input: ParseCarteiraInput): CarteiraParseResult {
  const limits = resolveLimits(input.limits);
  const file = loadFile(input, limits);
  const results: CarteiraSheetResult[] = [];
  const skipped = [...file.skipped];
  for (const sheet of file.sheets) {
    const layout = layoutSheet(sheet, limits, input.mappingOverride);
    if (!layout) {
      skipped.push({ name: sheet.name, reason: "empty" });
      continue;
    }
    if (layout.missingRequired.includes("sku")) {
      if (file.explicit || file.kind === "csv") throw noSkuColumn(file.kind === "csv" ? undefined : sheet.name);
      skipped.push({ name: sheet.name, reason: "no_sku_column" });
      continue;
    }
    const dataRows = countDataRows(sheet, layout.headerIndex);
    if (dataRows > limits.maxRows) throw tooManyRows(sheet, limits, dataRows);
    const { rows, errors } = readRows(sheet, layout);
    results.push({
      name: sheet.name,
      headerRowNumber: layout.headerIndex + 1,
      headers: layout.headers,
      mapping: layout.mapping,
      rows,
      errors,
    });
  }
  if (results.length === 0) {
    if (skipped.some((s) => s.reason === "no_sku_column")) throw noSkuColumn();
    throw new CarteiraParseError("EMPTY_FILE", "A planilha não tem dados.");
  }
  return {
    kind: file.kind,
    sheets: results,
    skippedSheets: file.explicit ? [] : skipped,
    duplicates: findDuplicates(results),
    missingSku: false,
  };
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
  for (const sheet of file.sheets) {
    const layout = layoutSheet(sheet, limits, input.mappingOverride);
    if (!layout) continue;
    const truncated = file.truncated.has(sheet.name);
    const total = truncated ? null : countDataRows(sheet, layout.headerIndex);
    if (total !== null && total > limits.maxRows) throw tooManyRows(sheet, limits, total);
    const rows: CarteiraPreviewSheet["rows"] = [];
    for (let r = layout.headerIndex + 1; r < sheet.rows.length && rows.length < maxRows; r++) {
      const raw = sheet.rows[r]!;
      if (isBlank(raw)) continue;
      rows.push({ line: r + 1, cells: layout.headers.map((_, c) => normalizeText(raw[c] ?? "")) });
    }
    sheets.push({
      name: sheet.name,
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
