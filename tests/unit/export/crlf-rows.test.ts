import { describe, expect, it } from "vitest";
import { crlfRows } from "@/lib/export/copy/crlf-rows";

// COPY's CSV (LF line ends) and the export's (CRLF), a newline inside a quoted cell kept as it is.
const COPY = 'a;"x\ny";b\n"""";"a""\n""";\n;\n"\n"\nlast;"\r\n"\n';
const EXPORT = 'a;"x\ny";b\r\n"""";"a""\n""";\r\n;\r\n"\n"\r\nlast;"\r\n"\r\n';

describe("crlfRows", () => {
  it("puts a CR before every line end outside quotes, counting the lines", () => {
    const { bytes, length } = crlfRows()(Buffer.from(COPY));
    expect(bytes.toString()).toBe(EXPORT);
    expect(length).toBe(5);
  });

  it("gives the same bytes and count however the COPY's chunks split the text (quote state carried over)", () => {
    const whole = Buffer.from(COPY);
    for (let a = 0; a <= whole.length; a++)
      for (let b = a; b <= whole.length; b++) {
        const toCrlf = crlfRows();
        const parts = [whole.subarray(0, a), whole.subarray(a, b), whole.subarray(b)].map(toCrlf);
        expect(Buffer.concat(parts.map((p) => p.bytes)).toString(), `split at ${a}, ${b}`).toBe(EXPORT);
        expect(parts.reduce((n, p) => n + p.length, 0)).toBe(5);
      }
  });

  it("leaves a chunk without a line end as it is", () => {
    const chunk = Buffer.from('abc;"de');
    expect(crlfRows()(chunk)).toEqual({ bytes: chunk, length: 0 });
  });
});
