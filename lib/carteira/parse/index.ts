// Public API of the carteira parsing layer: pure functions, no DB, no framework.
export {
  parseCarteiraFile,
  previewCarteiraFile,
  streamCarteiraFile,
  type CarteiraRowSink,
  type CarteiraSheetLayout,
  type RowSource,
} from "./parse-carteira";
export {
  CarteiraParseError,
  isCarteiraErrorCode,
  isCarteiraParseError,
  tooComplex,
  type CarteiraErrorCode,
} from "./errors";
export { decodeText, type DecodedText, type TextEncodingName } from "./decode-text";
export { detectFileKind, requireSpreadsheetKind } from "./detect-file-kind";
export { parseCsv, detectDelimiter, type CsvDelimiter, type ParsedCsv } from "./parse-csv";
export {
  listSheets,
  parseWorkbook,
  type WorkbookKind,
  type ParseWorkbookOptions,
  type ParsedWorkbook,
} from "./parse-xlsx";
export { readZipDirectory, checkZipLimits, type ZipEntryInfo } from "./zip-inspect";
export { inflateZip, type InflatedZipFile } from "./inflate-zip";
export { findHeaderRow, type HeaderRowGuess } from "./find-header-row";
export { normalizeHeader } from "./normalize-header";
export { COLUMN_SYNONYMS, matchHeader, matchHeaderDetailed, type HeaderMatch } from "./column-synonyms";
export { detectColumnMapping, type DetectedMapping } from "./detect-column-mapping";
export { normalizeCell, normalizeText, numberToPlainString, parseDecimal, skuKey } from "./normalize-cell";
export * from "./types";
