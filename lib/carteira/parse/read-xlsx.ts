// Reads an XLSX's sheets straight into raw grids with a streaming XML parser (saxes): each cell
// becomes its RawCell as it is read, so neither the sheet's XML as one string nor a cell object per
// cell ever exists (SheetJS holds both: a 100,000-row carteira peaked at ~380 MB in the parse worker).
// The values follow what `cellToRaw` in parse-xlsx.ts made of SheetJS's cells: cached values only
// (formulas never evaluated), shared strings resolved, dates as dd/mm/yyyy [HH:MM], numbers with a
// zero-padded format ("00000") as their padded text when it starts with a zero.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { sheetNotFound, tooManyColumnsIn } from "./errors";
import type { InflatedZipFile, StreamedZipFile } from "./inflate-zip";
import type { CarteiraLimits, RawCell, RawRow, SheetInfo } from "./types";

export interface XlsxSheetGrid {
  name: string;
  rows: RawRow[];
  /** The sheet has a value at or past row `rowCap` (those rows were not kept). */
  isCut: boolean;
}

const REL_OFFICE_DOCUMENT = "/officeDocument";
const REL_SHARED_STRINGS = "/sharedStrings";
const REL_STYLES = "/styles";

/** A zip that is no workbook: parse-xlsx.ts turns what a reader throws into NOT_A_SPREADSHEET. */
const notAWorkbook = (detail: string) => new Error(detail);

/** Element name without its namespace prefix (`x:row` → `row`): some writers prefix SpreadsheetML. */
const localName = (name: string) => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** An entry's bytes, whole or inflated a chunk at a time as they are read (the sheets). */
type XmlSource = Uint8Array | StreamedZipFile;

/** Thrown through the inflater to stop reading a sheet once what was wanted is read. */
const STOP = Symbol("stop");

/** Runs saxes over an entry's bytes, decoded a megabyte (or an inflated chunk) at a time. */
function parseXml(
  source: XmlSource,
  handlers: {
    open?: (name: string, attributes: Record<string, string>) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
  stop?: { isDone: () => boolean },
): void {
  const parser = new SaxesParser();
  if (handlers.open) parser.on("opentag", (tag: SaxesTagPlain) => handlers.open!(localName(tag.name), tag.attributes));
  if (handlers.close) parser.on("closetag", (tag: SaxesTagPlain) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  const decoder = new TextDecoder("utf-8");
  if (source instanceof Uint8Array) {
    const step = 1 << 20;
    for (let at = 0; at < source.length; at += step) {
      parser.write(decoder.decode(source.subarray(at, at + step), { stream: at + step < source.length }));
      if (stop?.isDone()) return;
    }
  } else {
    try {
      source.read((chunk) => {
        parser.write(decoder.decode(chunk, { stream: true }));
        if (stop?.isDone()) throw STOP;
      });
    } catch (error) {
      if (error === STOP) return;
      throw error;
    }
    parser.write(decoder.decode());
  }
  parser.close();
}

function relationships(bytes: XmlSource | undefined): { id: string; type: string; target: string }[] {
  const out: { id: string; type: string; target: string }[] = [];
  if (!bytes) return out;
  parseXml(bytes, {
    open: (name, a) => {
      if (name === "Relationship") out.push({ id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" });
    },
  });
  return out;
}

/** A relationship's target as a zip entry name: absolute ("/xl/…") or relative to the part's folder. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/**
 * A string of its own. saxes hands out texts as slices of the decoded megabyte they came from, and
 * V8 keeps a slice's whole parent alive: a grid of them held every chunk of the sheet's XML (a
 * 100,000-row sheet's ~64 MB, twice that once an accent makes the chunk two-byte). Flattening a
 * one-character-longer copy leaves a string only as big as the text.
 */
const detach = (s: string) => (s.length < 12 ? s : (" " + s).slice(1));

/** `_x000D_`-style escapes of OOXML strings, as Excel writes control characters. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
const unescapeOoxml = (s: string) =>
  s.indexOf("_x") < 0 ? s : s.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Each `<si>`: the text of its `<t>` runs, phonetic guides (`<rPh>`) left out. */
function sharedStrings(bytes: XmlSource | undefined): string[] {
  const out: string[] = [];
  if (!bytes) return out;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(bytes, {
    open: (name) => {
      if (name === "si") current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && phonetic === 0) inText = true;
    },
    close: (name) => {
      if (name === "si") {
        out.push(detach(unescapeOoxml(current ?? "")));
        current = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
    text: (text) => {
      if (inText && current !== null) current += text;
    },
  });
  return out;
}

type CellStyle = { kind: "date" } | { kind: "zeroPad"; digits: number } | null;

/** Excel's built-in date and time formats (ids 14–22, 27–36, 45–47, 50–58; the latter are locale dates). */
function isBuiltinDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A custom format code shows a date or time when a d, m, y, h or s is left once literals are taken out. */
function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "")
    .replace(/[_*]./g, "");
  return /[dmyhs]/i.test(bare);
}

/** Per cell style index (`s`): a date, a zero-padded number, or a plain value. */
function cellStyles(bytes: XmlSource | undefined): CellStyle[] {
  const out: CellStyle[] = [];
  if (!bytes) return out;
  const formats = new Map<number, string>();
  let inCellXfs = false;
  parseXml(bytes, {
    open: (name, a) => {
      if (name === "numFmt") formats.set(Number(a.numFmtId), a.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = formats.get(id);
        if (code === undefined) out.push(isBuiltinDate(id) ? { kind: "date" } : null);
        else if (/^0+$/.test(code)) out.push({ kind: "zeroPad", digits: code.length });
        else out.push(isDateFormat(code) ? { kind: "date" } : null);
      }
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A date as the carteira shows it: dd/mm/yyyy, with HH:MM when it has a time of day. */
function formatDateParts(d: Date): string {
  const date = `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
  return hasTime ? `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : date;
}

/** An Excel serial date (1900 system with its phantom 29 Feb 1900, or 1904) in UTC fields. */
function serialToDate(serial: number, date1904: boolean): Date {
  let days = serial;
  if (date1904) days += 1462;
  else if (days < 60) days += 1; // before the phantom day, serials are one ahead of the calendar
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400) * 1000);
}

function columnIndex(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col - 1;
}

function rowIndexOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  return Number(ref.slice(i)) - 1;
}

interface WorkbookParts {
  sheets: (SheetInfo & { path: string })[];
  date1904: boolean;
  sharedStringsPath: string | null;
  stylesPath: string | null;
}

function readWorkbookParts(entries: Map<string, XmlSource>): WorkbookParts {
  const root = relationships(entries.get("_rels/.rels"));
  const bookPath = resolveTarget(
    "",
    root.find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT))?.target ?? "xl/workbook.xml",
  );
  const book = entries.get(bookPath);
  if (!book) throw notAWorkbook("no workbook part");
  const folder = bookPath.split("/").slice(0, -1).join("/");
  const relsPath = `${folder ? `${folder}/` : ""}_rels/${bookPath.split("/").pop()}.rels`;
  const rels = relationships(entries.get(relsPath));
  const byId = new Map(rels.map((r) => [r.id, resolveTarget(bookPath, r.target)]));
  const sheets: WorkbookParts["sheets"] = [];
  let date1904 = false;
  parseXml(book, {
    open: (name, a) => {
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
      else if (name === "sheet") {
        const id = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1] ?? "";
        const path = byId.get(id);
        if (path) sheets.push({ name: a.name ?? "", hidden: a.state === "hidden" || a.state === "veryHidden", path });
      }
    },
  });
  if (sheets.length === 0) throw notAWorkbook("no sheet");
  const partOf = (type: string) => {
    const rel = rels.find((r) => r.type.endsWith(type));
    return rel ? resolveTarget(bookPath, rel.target) : null;
  };
  return { sheets, date1904, sharedStringsPath: partOf(REL_SHARED_STRINGS), stylesPath: partOf(REL_STYLES) };
}

/** The workbook's sheets (name, hidden) without reading any cell. */
export function listXlsxSheets(zip: OpenedXlsx): SheetInfo[] {
  const { sheets } = readWorkbookParts(entriesOf(zip));
  return sheets.map(({ name, hidden }) => ({ name, hidden }));
}

/** An XLSX opened by `openZip`: its small parts inflated, its sheets (`isStreamedPart`) left to stream. */
export interface OpenedXlsx {
  files: InflatedZipFile[];
  streamed: StreamedZipFile[];
}

/** The parts read as they are inflated: worksheets (everything else is a few kilobytes or the shared strings). */
export const isStreamedPart = (name: string) => /(^|\/)worksheets\/[^/]+\.xml$/i.test(name);

function entriesOf(zip: OpenedXlsx): Map<string, XmlSource> {
  const entries = new Map<string, XmlSource>(zip.files.map((f) => [f.name.replace(/^\//, ""), f.data]));
  for (const f of zip.streamed) entries.set(f.name.replace(/^\//, ""), f);
  return entries;
}

/** A part named by a relationship (shared strings, styles), if the workbook has it. */
function partBytes(entries: Map<string, XmlSource>, name: string | null): XmlSource | undefined {
  return name === null ? undefined : entries.get(name);
}

/**
 * Reads the chosen sheets (default all) of an inflated XLSX into raw grids: at most `rowCap` rows
 * each (a value in a later row sets `isCut`), blank rows as empty arrays, each row cut after its last non-empty
 * cell; a row wider than `limits.maxColumns` → TOO_MANY_COLUMNS.
 */
export function readXlsxSheets(
  zip: OpenedXlsx,
  options: { sheets?: string[]; rowCap: number; limits: CarteiraLimits },
): { sheetInfo: SheetInfo[]; grids: XlsxSheetGrid[] } {
  const entries = entriesOf(zip);
  const book = readWorkbookParts(entries);
  const sheetInfo = book.sheets.map(({ name, hidden }) => ({ name, hidden }));
  const wanted = options.sheets ?? book.sheets.map((s) => s.name);
  const chosen = wanted.map((name) => {
    const sheet = book.sheets.find((s) => s.name === name);
    if (!sheet)
      throw sheetNotFound(
        name,
        sheetInfo.map((s) => s.name),
      );
    return sheet;
  });
  const strings = sharedStrings(partBytes(entries, book.sharedStringsPath));
  const styles = cellStyles(partBytes(entries, book.stylesPath));
  const grids = chosen.map((sheet) => {
    const bytes = entries.get(sheet.path);
    if (!bytes) throw notAWorkbook(`missing sheet part ${sheet.path}`);
    return readSheet(sheet.name, bytes, { strings, styles, date1904: book.date1904, ...options });
  });
  return { sheetInfo, grids };
}

function readSheet(
  name: string,
  bytes: XmlSource,
  context: { strings: string[]; styles: CellStyle[]; date1904: boolean; rowCap: number; limits: CarteiraLimits },
): XlsxSheetGrid {
  const { strings, styles, date1904, rowCap, limits } = context;
  const rows: RawRow[] = [];
  let isCut = false;
  let isPastCap = false;
  let row: RawCell[] = [];
  let rowIndex = -1;
  let col = -1;
  let type = "n";
  let style: CellStyle = null;
  let value = "";
  let inline = "";
  let inValue = false;
  let inInlineText = false;
  let lastNonEmptyRow = -1;

  const cellValue = (): RawCell => {
    switch (type) {
      case "s":
        return strings[Number(value)] ?? "";
      case "inlineStr":
        return detach(unescapeOoxml(inline));
      case "str":
        return detach(unescapeOoxml(value));
      case "b":
        return value === "" ? "" : value === "1" || value === "true" ? "VERDADEIRO" : "FALSO";
      case "e":
        return detach(value);
      case "d": {
        const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.endsWith("Z") ? value : `${value}Z`);
        return Number.isNaN(d.getTime()) ? value : formatDateParts(d);
      }
      default: {
        if (value === "") return "";
        const n = Number(value);
        if (!Number.isFinite(n)) return detach(value);
        if (style?.kind === "date") return formatDateParts(serialToDate(n, date1904));
        if (style?.kind === "zeroPad" && Number.isInteger(n) && n >= 0) {
          const padded = String(n).padStart(style.digits, "0");
          if (padded.length > 1 && padded.charCodeAt(0) === 48) return padded;
        }
        return n;
      }
    }
  };

  const endRow = () => {
    // Only non-empty cells are stored, so the row ends at its last value.
    const width = row.length;
    for (let c = 0; c < width; c++) if (row[c] === undefined) row[c] = "";
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = row;
    if (width > 0) lastNonEmptyRow = rowIndex;
  };

  parseXml(
    bytes,
    {
      open: (tag, a) => {
        if (tag === "row") {
          rowIndex = a.r ? Number(a.r) - 1 : rowIndex + 1;
          // Rows past the cap are read only to see whether one holds a value (then the sheet is cut):
          // Excel writes formatted empty rows far down a sheet, and those are no data.
          isPastCap = rowIndex >= rowCap;
          row = [];
          col = -1;
        } else if (tag === "c") {
          col = a.r ? columnIndex(a.r) : col + 1;
          if (a.r && rowIndex < 0) rowIndex = rowIndexOf(a.r);
          type = a.t ?? "n";
          style = a.s ? (styles[Number(a.s)] ?? null) : null;
          value = "";
          inline = "";
        } else if (tag === "v") inValue = true;
        else if (tag === "t" && type === "inlineStr") inInlineText = true;
      },
      close: (tag) => {
        if (isCut) return;
        if (tag === "v") inValue = false;
        else if (tag === "t") inInlineText = false;
        else if (tag === "c") {
          // A cell past the column limit with a value fails the row; empty ones are never stored.
          const cell = cellValue();
          if (cell === "") return;
          if (isPastCap) {
            isCut = true;
            return;
          }
          if (col >= limits.maxColumns) throw tooManyColumnsIn(name, col + 1, limits.maxColumns);
          row[col] = cell;
        } else if (tag === "row" && !isPastCap) endRow();
      },
      text: (text) => {
        if (inValue) value += text;
        else if (inInlineText) inline += text;
      },
    },
    { isDone: () => isCut },
  );
  rows.length = lastNonEmptyRow + 1;
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { name, rows, isCut };
}
