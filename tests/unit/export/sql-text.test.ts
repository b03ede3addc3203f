import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/client";
import { sqlText } from "@/lib/export/copy/sql-text";

// COPY takes no parameters: the filter's values are written in as literals (pg.escapeLiteral; an
// array as its text form, element quotes and backslashes escaped, then the whole escaped again).
describe("sqlText", () => {
  it("writes each parameter as a quoted literal, untyped as the parameter was", () => {
    const sql = Prisma.sql`a = ${"o'que \\ x"} AND b = ANY(${["x", 'a"b', "c\\d"]}::uuid[]) AND c >= ${new Date(
      "2026-12-03T14:05:00.123Z",
    )} AND d = ${-3} AND e = ${true} AND f IS ${null} AND g = ${12n}`;
    expect(sqlText(sql)).toBe(
      `a =  E'o''que \\\\ x' AND b = ANY( E'{"x","a\\\\"b","c\\\\\\\\d"}'::uuid[]) AND c >= '2026-12-03 14:05:00.123' ` +
        `AND d = (-3) AND e = TRUE AND f IS NULL AND g = 12`,
    );
  });

  it("refuses a value it has no literal for", () => {
    expect(() => sqlText(Prisma.sql`a = ${Number.NaN}`)).toThrow(/no SQL literal/);
    expect(() => sqlText(Prisma.sql`a = ${{ x: 1 }}`)).toThrow(/no literal/);
  });
});
