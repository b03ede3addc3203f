import { describe, it, expect } from "vitest";
import { decodeText, detectFileKind, requireSpreadsheetKind, CarteiraParseError } from "@/lib/carteira/parse";
import { utf8, utf16be, utf16le, win1252, xlsx } from "@/tests/fixtures/carteira/build-fixtures";

const HEADER = "REFERÊNCIA;DESCRIÇÃO;COLEÇÃO";

describe("decodeText", () => {
  it.each([
    ["UTF-8 with BOM", utf8(HEADER, true), "utf-8", true],
    ["UTF-8 without BOM", utf8(HEADER), "utf-8", false],
    ["Windows-1252", win1252(HEADER), "windows-1252", false],
    ["UTF-16 LE BOM", utf16le(HEADER), "utf-16le", true],
    ["UTF-16 BE BOM", utf16be(HEADER), "utf-16be", true],
  ] as const)("%s", (_label, bytes, encoding, bom) => {
    const r = decodeText(bytes);
    expect(r.text).toBe(HEADER);
    expect(r.encoding).toBe(encoding);
    expect(r.bom).toBe(bom);
  });

  it("strips the BOM so the first header is clean", () => {
    expect(decodeText(utf8("SKU;COR", true)).text.charCodeAt(0)).toBe("S".charCodeAt(0));
  });

  it("reads BOM-less UTF-16 LE", () => {
    const bytes = new Uint8Array(Buffer.from("SKU;COR\r\nA1;Azul", "utf16le"));
    expect(decodeText(bytes).text).toBe("SKU;COR\r\nA1;Azul");
  });
});

describe("detectFileKind", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  it.each([
    ["csv text", utf8("SKU;COR\nA;B"), "a.csv", "csv"],
    ["txt extension is still csv", utf8("SKU\tCOR\nA\tB"), "a.txt", "csv"],
    ["xlsx", xlsx({ S: [["SKU"], ["A"]] }), "a.xlsx", "xlsx"],
    ["ole cfb (xls)", ole, "a.xls", "xls"],
    ["png", png, "foto.png", "unknown"],
    ["random binary", random, "x.csv", "unknown"],
    ["empty", new Uint8Array(0), "a.csv", "empty"],
    ["whitespace only", utf8("  \r\n\r\n"), "a.csv", "empty"],
    [
      "html table saved as xls",
      utf8("<html><body><table><tr><td>SKU</td></tr></table></body></html>"),
      "a.xls",
      "html",
    ],
  ] as const)("%s → %s", (_label, bytes, name, kind) => {
    expect(detectFileKind(bytes, name)).toBe(kind);
  });

  it.each([
    ["EMPTY_FILE", new Uint8Array(0)],
    ["NOT_A_SPREADSHEET", png],
    ["NOT_A_SPREADSHEET", random],
  ] as const)("requireSpreadsheetKind throws %s", (code, bytes) => {
    try {
      requireSpreadsheetKind(bytes, "upload.bin", 1024 * 1024);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CarteiraParseError);
      expect((err as CarteiraParseError).code).toBe(code);
    }
  });

  it("rejects files over the size limit before sniffing", () => {
    expect(() => requireSpreadsheetKind(utf8("SKU\nA"), "a.csv", 3)).toThrowError(
      expect.objectContaining({ code: "SPREADSHEET_TOO_LARGE" }),
    );
  });
});
