import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { columnsFromHeader, detectDelimiter } from "@/lib/batches/url-list/list-columns";
import { parseUrlList, type UrlListLine, type UrlListLimits } from "@/lib/batches/url-list/parse-url-list";
import { parseAllowedHosts } from "@/lib/url-fetch/address-policy";

const LIMITS: UrlListLimits = { maxBytes: 1024 * 1024, maxLines: 1000, allowHosts: [] };

async function parse(input: string | Buffer | Buffer[], limits: Partial<UrlListLimits> = {}): Promise<UrlListLine[]> {
  const chunks = Array.isArray(input) ? input : [Buffer.isBuffer(input) ? input : Buffer.from(input)];
  const lines: UrlListLine[] = [];
  for await (const line of parseUrlList(Readable.from(chunks), { ...LIMITS, ...limits })) lines.push(line);
  return lines;
}

const brief = (lines: UrlListLine[]) =>
  lines.map((l) => (l.ok ? [l.lineNumber, l.url] : [l.lineNumber, l.code, l.category]));

describe("detectDelimiter / columnsFromHeader", () => {
  it.each([
    ["url;sku;path;name", ";"],
    ["url\tsku", "\t"],
    ["url|sku", "|"],
    ["url,sku", ","],
    ["https://a.example.com/x,y.jpg;VD-1", ";"],
    ["https://a.example.com/x.jpg", null],
  ])("%s → %j", (line, delimiter) => expect(detectDelimiter(line)).toBe(delimiter));

  it("finds the columns by name (accents, case and synonyms), or says there is no URL column", () => {
    expect(columnsFromHeader(["SKU", "Link", "Caminho", "Nome do arquivo"])).toEqual({
      url: 1,
      sku: 0,
      path: 2,
      name: 3,
    });
    expect(columnsFromHeader(["Referência", "URL da imagem"])).toEqual({ url: 1, sku: 0, path: null, name: null });
    expect(columnsFromHeader(["sku", "name"])).toBe("NO_URL_COLUMN");
    expect(columnsFromHeader(["https://a.example.com/url.jpg", "sku"])).toBeNull();
    expect(columnsFromHeader(["qualquer", "coisa"])).toBeNull();
  });
});

describe("parseUrlList", () => {
  it("reads url, sku, path and name columns in any order under a header (lines numbered from the header = 1)", async () => {
    const lines = await parse("name,sku,url,path\nfrente.jpg,VD-1,https://cdn.example.com/1.jpg,VD-1/frente.jpg\n");
    expect(lines).toEqual([
      {
        lineNumber: 2,
        ok: true,
        url: "https://cdn.example.com/1.jpg",
        sku: "VD-1",
        path: "VD-1/frente.jpg",
        name: "frente.jpg",
      },
    ]);
  });

  it("without a header reads the first column as the URL, line 1 included", async () => {
    const lines = await parse("https://a.example.com/1.jpg,VD-1\nhttps://a.example.com/2.jpg,VD-2\n");
    expect(brief(lines)).toEqual([
      [1, "https://a.example.com/1.jpg"],
      [2, "https://a.example.com/2.jpg"],
    ]);
    expect(lines[0]).toMatchObject({ sku: null });
  });

  it("a TXT of URLs (no delimiter on the first line) keeps commas inside later URLs", async () => {
    const lines = await parse("https://a.example.com/1.jpg\r\nhttps://a.example.com/a,b.jpg\r\n");
    expect(brief(lines)).toEqual([
      [1, "https://a.example.com/1.jpg"],
      [2, "https://a.example.com/a,b.jpg"],
    ]);
  });

  it("semicolon lists, quoted cells, a UTF-8 BOM and a character split across chunks", async () => {
    const text = Buffer.from('\uFEFFurl;nome\n"https://a.example.com/é.jpg";"Vestido; azul"\n');
    const at = text.indexOf(Buffer.from("é")) + 1; // inside the two bytes of é
    const lines = await parse([text.subarray(0, at), text.subarray(at)]);
    expect(lines).toEqual([
      {
        lineNumber: 2,
        ok: true,
        url: "https://a.example.com/%C3%A9.jpg",
        sku: null,
        path: null,
        name: "Vestido; azul",
      },
    ]);
  });

  it("skips blank lines but keeps counting them", async () => {
    const lines = await parse("\n\nurl\n\nhttps://a.example.com/1.jpg\n   \nhttps://a.example.com/2.jpg");
    expect(brief(lines)).toEqual([
      [5, "https://a.example.com/1.jpg"],
      [7, "https://a.example.com/2.jpg"],
    ]);
  });

  it("refuses file:, ftp:, javascript: and data: URLs, credentials, garbage and URLs over 2,048 characters", async () => {
    const lines = await parse(
      [
        "url",
        "file:///etc/passwd",
        "ftp://files.example.com/a.jpg",
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "https://user:secret@example.com/a.jpg",
        "https://:secret@example.com/a.jpg",
        "isto não é uma url",
        "http://",
        `https://example.com/${"a".repeat(2048)}`,
        `https://example.com/${"a".repeat(2000)}`,
      ].join("\n"),
    );
    expect(brief(lines)).toEqual([
      [2, "URL_SCHEME_REFUSED", "INVALID_URL"],
      [3, "URL_SCHEME_REFUSED", "INVALID_URL"],
      [4, "URL_SCHEME_REFUSED", "INVALID_URL"],
      [5, "URL_SCHEME_REFUSED", "INVALID_URL"],
      [6, "URL_CREDENTIALS_REFUSED", "INVALID_URL"],
      [7, "URL_CREDENTIALS_REFUSED", "INVALID_URL"],
      [8, "URL_INVALID", "INVALID_URL"],
      [9, "URL_INVALID", "INVALID_URL"],
      [10, "URL_TOO_LONG", "INVALID_URL"],
      [11, `https://example.com/${"a".repeat(2000)}`],
    ]);
    expect(lines[0]).toMatchObject({ url: "file:///etc/passwd", details: { scheme: "file" } });
    expect(lines[8]!.url.length).toBe(500);
  });

  it("refuses literal private and loopback addresses in every spelling, but only literals (names are checked at fetch time)", async () => {
    const lines = await parse(
      [
        "http://127.0.0.1:8080/a.jpg",
        "http://0177.0.0.1/a.jpg",
        "http://2130706433/a.jpg",
        "http://0x7f.1/a.jpg",
        "http://[::1]/a.jpg",
        "http://[::ffff:127.0.0.1]/a.jpg",
        "http://10.0.0.5/a.jpg",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00:ec2::254]/",
        "http://100.64.0.1/",
        "http://localhost/a.jpg",
        "http://93.184.215.14/a.jpg",
      ].join("\n"),
    );
    expect(lines.slice(0, 10).every((l) => !l.ok && l.category === "BLOCKED_ADDRESS")).toBe(true);
    expect(lines[1]).toMatchObject({
      code: "URL_ADDRESS_BLOCKED",
      details: { address: "127.0.0.1", range: "loopback" },
    });
    expect(lines[2]).toMatchObject({ details: { address: "127.0.0.1" } });
    expect(lines[4]).toMatchObject({ details: { address: "::1", range: "loopback" } });
    expect(lines[10]).toMatchObject({ ok: true, url: "http://localhost/a.jpg" });
    expect(lines[11]).toMatchObject({ ok: true });
  });

  it("lets an allow-listed host:port through and still refuses its other ports", async () => {
    const lines = await parse("http://127.0.0.1:4010/a.jpg\nhttp://127.0.0.1:4011/a.jpg\n", {
      allowHosts: parseAllowedHosts("127.0.0.1:4010"),
    });
    expect(lines.map((l) => l.ok)).toEqual([true, false]);
  });

  it("normalises URLs (scheme and host case) so repeats are the same string; the parser yields each line", async () => {
    const lines = await parse("HTTPS://Example.COM/a.jpg\nhttps://example.com/a.jpg\n");
    expect(lines.map((l) => l.url)).toEqual(["https://example.com/a.jpg", "https://example.com/a.jpg"]);
  });

  it("keeps invalid lines' text for the report: the URL cell, or the whole row when it is empty", async () => {
    const lines = await parse("url;sku\n;VD-9\n");
    expect(lines[0]).toMatchObject({ ok: false, code: "URL_MISSING", url: ";VD-9", sku: "VD-9" });
  });

  it("throws the list limits at the line or byte that crosses them", async () => {
    const many = Array.from({ length: 11 }, (_, i) => `https://a.example.com/${i}`).join("\n");
    await expect(parse(many, { maxLines: 10 })).rejects.toMatchObject({
      code: "URL_LIST_TOO_MANY_LINES",
      details: { max: 10 },
    });
    expect(await parse(many, { maxLines: 11 })).toHaveLength(11);
    await expect(parse(many, { maxBytes: 100 })).rejects.toMatchObject({
      code: "URL_LIST_TOO_LARGE",
      details: { limit: 100 },
    });
  });

  it("refuses an empty list and a header without a URL column", async () => {
    await expect(parse("")).rejects.toMatchObject({ code: "URL_LIST_EMPTY" });
    await expect(parse("\uFEFFurl\n\n")).rejects.toMatchObject({ code: "URL_LIST_EMPTY" });
    await expect(parse("sku;nome\nVD-1;x\n")).rejects.toMatchObject({ code: "URL_LIST_NO_URL_COLUMN" });
  });

  it("reports a list with 30 % garbage line by line", async () => {
    const rows = Array.from({ length: 100 }, (_, i) => (i % 10 < 3 ? `lixo ${i}` : `https://a.example.com/${i}.jpg`));
    const lines = await parse(["url", ...rows].join("\n"));
    const bad = lines.filter((l) => !l.ok);
    expect(bad).toHaveLength(30);
    expect(bad.slice(0, 4).map((l) => l.lineNumber)).toEqual([2, 3, 4, 12]);
  });
});
