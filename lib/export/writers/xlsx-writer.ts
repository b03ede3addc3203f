import { PassThrough, type Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { CellValue, ExportColumn, SummaryLine } from "../columns";

/**
 * XLSX written as it streams: the data sheet's XML goes row by row into a yazl ZIP entry (inline
 * strings, no shared-string table to hold), then a "Resumo" sheet. exceljs's "streaming" writer
 * still grew to ~600 MB at 1M rows on these machines; this stays flat. Text is always a string cell
 * (`inlineStr`), never a formula, so `=cmd()` in a name is shown, not evaluated (OWASP CSV injection).
 */
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const XLSX_DATA_SHEET = "Dados";
export const XLSX_SUMMARY_SHEET = "Resumo";

// Characters XML 1.0 cannot carry (controls other than tab, LF, CR; lone surrogates; U+FFFE/F).
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything xmlText changes; most cells have none of it and are returned as they are.
const XML_SPECIAL = /[&<>"\r\n\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  return (
    text
      .replace(INVALID_XML, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // A raw CR would be read back as LF (XML end-of-line handling); a reference keeps it. LF as a
      // reference too: the sheet XML then holds no raw newline, so PostgreSQL's COPY can end its lines with
      // one (copy/xlsx-rows.ts) and write the same bytes as this writer.
      .replace(/\r/g, "&#13;")
      .replace(/\n/g, "&#10;")
  );
}

/** A (0-based) column index → its letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** One cell's XML (nothing for an empty one). `style` 1 is the bold header. */
export function xlsxCell(ref: string, value: CellValue, style = 0): string {
  if (value === null || value === undefined || value === "") return "";
  const s = style ? ` s="${style}"` : "";
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${s}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function rowXml(rowNumber: number, letters: readonly string[], values: readonly CellValue[], style = 0): string {
  let cells = "";
  for (let i = 0; i < values.length; i++) cells += xlsxCell(`${letters[i]}${rowNumber}`, values[i], style);
  return `<row r="${rowNumber}">${cells}</row>`;
}

const sheetHead = (frozenHeader: boolean) =>
  `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
  (frozenHeader
    ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    : "") +
  "<sheetData>";
const SHEET_TAIL = "</sheetData></worksheet>";

const STATIC_PARTS: [string, string][] = [
  [
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      "</Types>",
  ],
  [
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
      `<sheet name="${XLSX_DATA_SHEET}" sheetId="1" r:id="rId1"/><sheet name="${XLSX_SUMMARY_SHEET}" sheetId="2" r:id="rId2"/>` +
      "</sheets></workbook>",
  ],
  [
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/>` +
      `<Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  ],
  [
    "xl/styles.xml",
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
      "</styleSheet>",
  ],
];

/**
 * The workbook as a Node stream: "Dados" (a bold, frozen header and one row per row of `pages`),
 * then "Resumo" (`summary()`, asked once every row is written: it may say how many there were).
 * Rows are pulled only as fast as the output is read; destroying the output stops the pulling and
 * closes `pages` (its `finally` runs).
 */
export function xlsxStream<Row>(options: {
  columns: readonly ExportColumn<Row>[];
  pages: AsyncIterable<readonly Row[]>;
  summary: () => Promise<SummaryLine[]>;
}): Readable {
  const letters = options.columns.map((_, i) => columnLetters(i));
  return xlsxSheetStream({
    headers: options.columns.map((c) => c.header),
    rows: rowsXml(options.columns, letters, options.pages),
    summary: options.summary,
  });
}

/** Each page of rows as the sheet's `<row>` elements, numbered from 2 (row 1 is the header). */
async function* rowsXml<Row>(
  columns: readonly ExportColumn<Row>[],
  letters: readonly string[],
  pages: AsyncIterable<readonly Row[]>,
): AsyncGenerator<string> {
  let rowNumber = 1;
  for await (const page of pages) {
    let xml = "";
    for (const row of page) {
      const ref = ++rowNumber;
      xml += `<row r="${ref}">`;
      for (let i = 0; i < columns.length; i++) xml += xlsxCell(letters[i]! + ref, columns[i]!.value(row));
      xml += "</row>";
    }
    yield xml;
  }
}

/**
 * The workbook around rows already written as the data sheet's XML (`<row r="2">…</row>…`, from the
 * writer above or from PostgreSQL: copy/xlsx-rows.ts): the header row first, "Resumo" last.
 */
export function xlsxSheetStream(options: {
  headers: readonly string[];
  rows: AsyncIterable<string | Buffer>;
  summary: () => Promise<SummaryLine[]>;
}): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as PassThrough;
  for (const [name, xml] of STATIC_PARTS) zip.addBuffer(Buffer.from(xml), name, { mtime: new Date(0) });
  const sheet = new PassThrough();
  zip.addReadStream(sheet, "xl/worksheets/sheet1.xml", { mtime: new Date(0) });
  const letters = options.headers.map((_, i) => columnLetters(i));

  let stopped = false;
  const stop = () => {
    stopped = true;
    sheet.destroy();
  };
  output.once("close", stop);
  output.once("error", stop);
  const write = (text: string | Buffer) =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      if (sheet.write(text)) return resolve();
      const done = () => {
        sheet.off("drain", done);
        sheet.off("close", done);
        resolve();
      };
      sheet.once("drain", done);
      sheet.once("close", done);
    });

  void (async () => {
    await write(sheetHead(true) + rowXml(1, letters, options.headers, 1));
    const rows = options.rows[Symbol.asyncIterator]();
    try {
      for (let next = await rows.next(); !next.done && !stopped; next = await rows.next())
        if (next.value.length > 0) await write(next.value);
    } finally {
      // A stop (the client went away) closes the source: its query ends.
      if (stopped) await rows.return?.();
    }
    if (stopped) return;
    sheet.end(SHEET_TAIL);
    const lines = await options.summary();
    const summaryXml =
      sheetHead(false) +
      lines.map((line, i) => rowXml(i + 1, ["A", "B"], [line.label, line.value])).join("") +
      SHEET_TAIL;
    zip.addBuffer(Buffer.from(summaryXml), "xl/worksheets/sheet2.xml", { mtime: new Date(0) });
    zip.end();
  })().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}
