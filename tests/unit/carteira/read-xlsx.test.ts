import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { listSheets, parseCarteiraFile, parseWorkbook } from "@/lib/carteira/parse";
import { makeZip } from "@/tests/fixtures/carteira/build-fixtures";

const text = (s: string) => new TextEncoder().encode(s);
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** An XLSX laid out as Excel writes it (shared strings, styles, relationships), with the sheets' XML given. */
function excelLike(sheets: { name: string; xml: string; state?: string }[], extra: { date1904?: boolean } = {}) {
  const sheetEntries = sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: text(s.xml) }));
  return makeZip([
    { name: "[Content_Types].xml", data: text("<Types/>") },
    {
      name: "_rels/.rels",
      data: text(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      data: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${NS} ${R_NS}><workbookPr${extra.date1904 ? ' date1904="1"' : ""}/><sheets>${sheets
          .map(
            (s, i) =>
              `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
          )
          .join("")}</sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: text(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
          .map(
            (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join(
            "",
          )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/sharedStrings.xml",
      data: text(
        `<sst ${NS} count="5" uniqueCount="5"><si><t>REFERÊNCIA</t></si><si><t>DESCRIÇÃO</t></si>` +
          `<si><r><rPr><b/></rPr><t>Vestido </t></r><r><t xml:space="preserve">midi &amp; longo</t></r><rPh sb="0" eb="1"><t>ﾌﾘｶﾞﾅ</t></rPh></si>` +
          `<si><t>linha 1_x000D_linha 2</t></si><si><t>00123</t></si></sst>`,
      ),
    },
    {
      name: "xl/styles.xml",
      data: text(
        `<styleSheet ${NS}><numFmts count="3"><numFmt numFmtId="164" formatCode="00000"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="166" formatCode="#,##0.00\\ &quot;R$&quot;;[Red]\\-#,##0.00"/></numFmts>` +
          `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>`,
      ),
    },
    ...sheetEntries,
  ]);
}

const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

describe("XLSX streaming reader", () => {
  const bytes = excelLike([
    {
      name: "Carteira",
      xml: sheetXml(
        `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>1</v></c></row>` +
          // A SKU kept with its zeros by a "00000" format, rich text, a formula's cached number, a date.
          `<row r="3"><c r="A3" s="1"><v>123</v></c><c r="B3" t="s"><v>2</v></c><c r="C3"><f>5+5</f><v>10</v></c><c r="D3" s="2"><v>45658</v></c></row>` +
          `<row r="5"><c r="A5" s="1"><v>12345</v></c><c r="B5" t="inlineStr"><is><t>Saia  lápis</t></is></c><c r="C5" t="b"><v>1</v></c><c r="D5" s="3"><v>45658.75</v></c><c r="F5" t="e"><v>#N/A</v></c></row>` +
          `<row r="6"><c r="A6" t="str"><f>A5&amp;"-X"</f><v>12345-X</v></c><c r="B6" t="s"><v>3</v></c><c r="C6" s="4"><v>1299.9</v></c><c r="D6" t="s"><v>4</v></c><c r="H6"/></row>`,
      ),
    },
    { name: "Oculta", xml: sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), state: "hidden" },
  ]);

  it("reads values as the carteira needs them: strings, padded SKUs, cached results, dates, booleans, errors", () => {
    const { sheets, sheetInfo } = parseWorkbook(bytes, { kind: "xlsx", sheets: ["Carteira"] });
    expect(sheetInfo).toEqual([
      { name: "Carteira", hidden: false },
      { name: "Oculta", hidden: true },
    ]);
    expect(sheets[0]!.rows).toEqual([
      [],
      ["REFERÊNCIA", "DESCRIÇÃO", 1],
      ["00123", "Vestido midi & longo", 10, "01/01/2025"],
      [],
      [12345, "Saia  lápis", "VERDADEIRO", "01/01/2025 18:00", "", "#N/A"],
      ["12345-X", "linha 1\rlinha 2", 1299.9, "00123"],
    ]);
  });

  it("lists the sheets without reading cells, and the 1904 date system moves dates by 1,462 days", () => {
    expect(listSheets(bytes, { filename: "c.xlsx" })).toEqual([
      { name: "Carteira", hidden: false },
      { name: "Oculta", hidden: true },
    ]);
    const mac = excelLike([{ name: "S", xml: sheetXml(`<row r="1"><c r="A1" s="2"><v>44196</v></c></row>`) }], {
      date1904: true,
    });
    expect(parseWorkbook(mac, { kind: "xlsx" }).sheets[0]!.rows).toEqual([["01/01/2025"]]);
  });

  it("stops reading at the row cap (a preview) and says the sheet was cut; past the limit an import is refused", () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>S${i}</t></is></c></row>`,
    );
    const long = excelLike([{ name: "S", xml: sheetXml(rows.join("")) }]);
    const preview = parseWorkbook(long, { kind: "xlsx", rowCap: 5 });
    expect(preview.sheets[0]!.rows).toHaveLength(5);
    expect(preview.truncated.has("S")).toBe(true);
    expect(() => parseWorkbook(long, { kind: "xlsx", limits: { maxRows: 10, headerScanRows: 5 } })).toThrow(
      expect.objectContaining({ code: "TOO_MANY_ROWS" }),
    );
    // Rows Excel keeps for their formatting only, far down the sheet, are no data.
    const formatted = excelLike([
      {
        name: "S",
        xml: sheetXml(
          `${rows.slice(0, 3).join("")}<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/></row>`,
        ),
      },
    ]);
    const read = parseWorkbook(formatted, { kind: "xlsx", limits: { maxRows: 10, headerScanRows: 5 } });
    expect(read.sheets[0]!.rows).toEqual([["S0"], ["S1"], ["S2"]]);
    expect(parseWorkbook(formatted, { kind: "xlsx", rowCap: 2 }).truncated.has("S")).toBe(true);
  });

  it("malformed sheet XML is a corrupt file (NOT_A_SPREADSHEET), not a crash", () => {
    const broken = excelLike([{ name: "S", xml: `<worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</c></row>` }]);
    expect(() => parseWorkbook(broken, { kind: "xlsx" })).toThrow(
      expect.objectContaining({ code: "NOT_A_SPREADSHEET" }),
    );
  });

  it("gives the same carteira rows as SheetJS wrote them (dates, numbers, text with accents and formulas as text)", () => {
    const wb = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ["REFERÊNCIA", "DESCRIÇÃO", "PREÇO", "ENTREGA", "OBS"],
        ["VD25-0001", "Vestido ção", 199.9, new Date(Date.UTC(2025, 2, 15)), "=SOMA(A1)"],
        ["VD25-0002", "Blusa", 89, new Date(Date.UTC(2025, 11, 31)), ""],
      ],
      { cellDates: true },
    );
    XLSX.utils.book_append_sheet(wb, sheet, "Carteira");
    const written = new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
    const result = parseCarteiraFile({ bytes: written, filename: "c.xlsx" });
    expect(result.sheets[0]!.rows.map((r) => [r.fields, r.extras])).toEqual([
      [
        { sku: "VD25-0001", nome_peca: "Vestido ção", preco: 199.9 },
        { ENTREGA: "15/03/2025", OBS: "=SOMA(A1)" },
      ],
      [{ sku: "VD25-0002", nome_peca: "Blusa", preco: 89 }, { ENTREGA: "31/12/2025" }],
    ]);
  });
});
