import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getBatch } from "@/app/api/v1/batches/[id]/route";
import { POST as postBatch } from "@/app/api/v1/batches/route";
import { POST as postPreview } from "@/app/api/v1/batches/url-list/preview/route";
import { GET as getTemplate } from "@/app/api/v1/export/template/route";
import { urlBatchCreatedSchema, urlListPreviewSchema } from "@/lib/batches/url-list/schemas";
import { getPrisma } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";
import { callRoute } from "../carteira/helpers";

beforeEach(truncateAllTables);
afterAll(stopBoss);

const BOUNDARY = "----vitrine-url-list";
type Part = { field: string; value: string } | { file: string; text: string | Buffer };

/** A raw multipart body, so a test decides the order of the parts (seed 004's curl sends the file first). */
function multipart(parts: Part[]): Uint8Array<ArrayBuffer> {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("field" in part)
      chunks.push(
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`),
      );
    else
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${part.file}"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        Buffer.isBuffer(part.text) ? part.text : Buffer.from(part.text),
        Buffer.from("\r\n"),
      );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return new Uint8Array(Buffer.concat(chunks));
}

const post = (handler: typeof postBatch, url: string, headers: Record<string, string>, body: Uint8Array<ArrayBuffer>) =>
  callRoute(handler, url, {
    method: "POST",
    headers: { ...headers, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
  });

const LIST = [
  "url;sku;path;name",
  "https://cdn.example.com/VD-1_FRENTE.jpg;VD-1;VD-1/frente.jpg;VD-1_FRENTE.jpg",
  "https://cdn.example.com/VD-2.jpg;VD-2;;",
  "ftp://files.example.com/x.jpg;VD-3;;",
  "http://[::1]/a.jpg;VD-4;;",
  "https://cdn.example.com/VD-1_FRENTE.jpg;VD-1;;",
  "lixo;VD-5;;",
].join("\n");

describe("POST /api/v1/batches (multipart URL list)", () => {
  it("creates a URL batch from the file with the fields after it (seed order), 201 with the counts", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const res = await post(
      postBatch,
      "/api/v1/batches",
      headers,
      multipart([
        { file: "fornecedor.csv", text: LIST },
        { field: "batch_name", value: "Fornecedor X" },
        { field: "auto_start", value: "false" },
        { field: "chunk_size", value: "2" },
      ]),
    );
    expect(res.status).toBe(201);
    const body = urlBatchCreatedSchema.parse(await res.json());
    expect(body).toMatchObject({
      name: "Fornecedor X",
      source: "URL_LIST",
      chunkSize: 2,
      status: "DRAFT",
      accepted: 2,
      duplicates: 1,
      invalid: 3,
      autoStarted: false,
      urlCounts: { total: 5, pending: 2, failed: 3 },
    });
    const chunks = await getPrisma().batchChunk.findMany({ where: { batchId: body.id }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => c.total)).toEqual([2, 2, 1]);
    const urls = await getPrisma().batchUrl.findMany({ where: { batchId: body.id }, orderBy: { lineNumber: "asc" } });
    expect(urls.map((u) => [u.lineNumber, u.status, u.errorCode])).toEqual([
      [2, "PENDING", null],
      [3, "PENDING", null],
      [4, "FAILED", "URL_SCHEME_REFUSED"],
      [5, "FAILED", "URL_ADDRESS_BLOCKED"],
      [7, "FAILED", "URL_INVALID"],
    ]);
    expect(urls[0]).toMatchObject({ sku: "VD-1", path: "VD-1/frente.jpg", name: "VD-1_FRENTE.jpg" });
    const detail = await callRoute(getBatch, `/api/v1/batches/${body.id}`, { headers }, { id: body.id });
    expect(await detail.json()).toMatchObject({ id: body.id, source: "URL_LIST" });
  });

  it("defaults: the file's name, auto_start true (the batch leaves DRAFT), chunk size 2,000", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const form = new FormData();
    form.set("file", new File(["https://cdn.example.com/a.jpg\n"], "minha-lista.txt"));
    const res = await callRoute(postBatch, "/api/v1/batches", { method: "POST", headers, body: form });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: "minha-lista", chunkSize: 2000, autoStarted: true, accepted: 1 });
    expect(body.status).not.toBe("DRAFT");
  });

  it("still creates an upload batch from JSON", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const res = await callRoute(postBatch, "/api/v1/batches", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "Upload" }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "Upload", source: "UPLOAD", chunkSize: null });
  });

  it("answers the list's own error codes and stores nothing", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const cases: [Part[], number, string][] = [
      [[{ file: "v.csv", text: "\n\n" }], 400, "URL_LIST_EMPTY"],
      [[{ file: "s.csv", text: "sku;nome\nVD-1;a\n" }], 422, "URL_LIST_NO_URL_COLUMN"],
      [[{ file: "f.csv", text: "url\nftp://a/b\n" }], 422, "URL_LIST_NO_VALID_URLS"],
      [[{ field: "batch_name", value: "x" }], 400, "BAD_REQUEST"],
      [
        [
          { file: "a.csv", text: "https://a.example.com/1\n" },
          { field: "chunk_size", value: "10001" },
        ],
        400,
        "VALIDATION_FAILED",
      ],
      [
        [
          { file: "a.csv", text: "https://a.example.com/1\n" },
          { field: "collectionId", value: "nope" },
        ],
        400,
        "VALIDATION_FAILED",
      ],
      [
        [
          { file: "a.csv", text: "https://a.example.com/1\n" },
          { file: "b.csv", text: "https://a.example.com/2\n" },
        ],
        400,
        "BAD_REQUEST",
      ],
    ];
    for (const [parts, status, code] of cases) {
      const res = await post(postBatch, "/api/v1/batches", headers, multipart(parts));
      expect([res.status, (await res.json()).error], JSON.stringify(parts).slice(0, 80)).toEqual([status, code]);
    }
    expect(await getPrisma().batch.count()).toBe(0);
    expect(await getPrisma().batchUrl.count()).toBe(0);
    // The spooled copies of the refused lists are gone too.
    expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("vitrine-url-list-"))).toEqual([]);
  });

  it("refuses a list over URL_LIST_MAX_LINES / URL_LIST_MAX_BYTES with 413, nothing stored", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const lines = Array.from({ length: 30 }, (_, i) => `https://a.example.com/${i}.jpg`).join("\n");
    const { getEnv } = await import("@/lib/config/env");
    const env = getEnv();
    const saved = { lines: env.URL_LIST_MAX_LINES, bytes: env.URL_LIST_MAX_BYTES };
    try {
      env.URL_LIST_MAX_LINES = 20;
      let res = await post(postBatch, "/api/v1/batches", headers, multipart([{ file: "l.csv", text: lines }]));
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: "URL_LIST_TOO_MANY_LINES", details: { max: 20 } });
      env.URL_LIST_MAX_LINES = saved.lines;
      env.URL_LIST_MAX_BYTES = 2048;
      const big = Array.from({ length: 200 }, (_, i) => `https://a.example.com/${i}.jpg`).join("\n");
      res = await post(postBatch, "/api/v1/batches", headers, multipart([{ file: "l.csv", text: big }]));
      expect(res.status).toBe(413);
      expect((await res.json()).error).toBe("URL_LIST_TOO_LARGE");
      res = await post(
        postPreview,
        "/api/v1/batches/url-list/preview",
        headers,
        multipart([{ file: "l.csv", text: big }]),
      );
      expect((await res.json()).error).toBe("URL_LIST_TOO_LARGE");
    } finally {
      env.URL_LIST_MAX_LINES = saved.lines;
      env.URL_LIST_MAX_BYTES = saved.bytes;
    }
    expect(await getPrisma().batch.count()).toBe(0);
  });

  it("is refused to a VIEWER (403)", async () => {
    const { headers } = await apiTokenFor("VIEWER");
    const res = await post(postBatch, "/api/v1/batches", headers, multipart([{ file: "l.csv", text: LIST }]));
    expect(res.status).toBe(403);
    const preview = await post(
      postPreview,
      "/api/v1/batches/url-list/preview",
      headers,
      multipart([{ file: "l.csv", text: LIST }]),
    );
    expect(preview.status).toBe(403);
    expect(await getPrisma().batch.count()).toBe(0);
  });
});

describe("POST /api/v1/batches/url-list/preview", () => {
  it("counts lines, valid, duplicates and invalid, lists invalid lines with numbers and codes and the first valid rows; stores nothing", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const res = await post(
      postPreview,
      "/api/v1/batches/url-list/preview",
      headers,
      multipart([{ file: "f.csv", text: LIST }]),
    );
    expect(res.status).toBe(200);
    const body = urlListPreviewSchema.parse(await res.json());
    expect(body).toMatchObject({
      fileName: "f.csv",
      totalLines: 6,
      valid: 2,
      duplicates: 1,
      invalid: 3,
      blocked: 1,
      chunks: 1,
    });
    expect(body.invalidLines.map((l) => [l.line, l.code, l.category])).toEqual([
      [4, "URL_SCHEME_REFUSED", "INVALID_URL"],
      [5, "URL_ADDRESS_BLOCKED", "BLOCKED_ADDRESS"],
      [7, "URL_INVALID", "INVALID_URL"],
    ]);
    expect(body.validRows[0]).toEqual({
      line: 2,
      url: "https://cdn.example.com/VD-1_FRENTE.jpg",
      sku: "VD-1",
      path: "VD-1/frente.jpg",
      name: "VD-1_FRENTE.jpg",
    });
    expect(await getPrisma().batch.count()).toBe(0);
  });

  it("shows at most 100 invalid lines and 20 valid rows of a big list, with the full counts", async () => {
    const { headers } = await apiTokenFor("EDITOR");
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0 ? `lixo-${i}` : `https://a.example.com/${i}.jpg`,
    );
    const res = await post(
      postPreview,
      "/api/v1/batches/url-list/preview",
      headers,
      multipart([{ file: "g.txt", text: lines.join("\n") }]),
    );
    const body = urlListPreviewSchema.parse(await res.json());
    expect(body).toMatchObject({ totalLines: 3000, valid: 2000, invalid: 1000, duplicates: 0, chunks: 2 });
    expect(body.invalidLines).toHaveLength(100);
    expect(body.validRows).toHaveLength(20);
    expect(body.invalidLines[99]!.line).toBe(298);
  });
});

describe("GET /api/v1/export/template", () => {
  it("gives the CSV template as an attachment to any signed-in role, and the importer reads it", async () => {
    const { headers } = await apiTokenFor("VIEWER");
    const res = await callRoute(getTemplate, "/api/v1/export/template", { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+\.csv"$/);
    const text = await res.text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("url,sku,path,name");
    const editor = await apiTokenFor("EDITOR");
    const preview = await post(
      postPreview,
      "/api/v1/batches/url-list/preview",
      editor.headers,
      multipart([{ file: "modelo.csv", text: Buffer.from(text) }]),
    );
    expect(await preview.json()).toMatchObject({ totalLines: 2, valid: 2, invalid: 0 });
    const xlsx = await callRoute(getTemplate, "/api/v1/export/template?format=xlsx", { headers });
    expect(xlsx.status).toBe(400);
  });

  it("needs a signed-in caller", async () => {
    const res = await callRoute(getTemplate, "/api/v1/export/template", {});
    expect(res.status).toBe(401);
  });
});
