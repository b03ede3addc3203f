import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLine } from "@/lib/export/csv";

describe("csvCell", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["VD24-0001", "VD24-0001"],
    [42, "42"],
    [-3, "-3"],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+551199", "'+551199"],
    ["-1+1", "'-1+1"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["a;b", '"a;b"'],
    ['diz "oi"', '"diz ""oi"""'],
    ["linha\nnova", '"linha\nnova"'],
    ["=a;b", `"'=a;b"`],
    ["Coleção Verão", "Coleção Verão"],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("joins a line with ; and CRLF; the BOM is U+FEFF", () => {
    expect(csvLine(["a", null, "b;c"])).toBe('a;;"b;c"\r\n');
    expect(CSV_BOM.charCodeAt(0)).toBe(0xfeff);
  });

  it("with the , separator quotes commas instead of semicolons", () => {
    expect(csvLine(["a,b", "c;d", "=1"], ",")).toBe(`"a,b",c;d,'=1\r\n`);
  });
});
