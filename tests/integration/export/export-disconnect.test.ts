// A client that goes away after the first megabyte of a large export (issue 16's bad input): the
// filtered export route served by a real node:http server (the handler piped to the socket as the
// Next.js server does: the response body's stream is cancelled when the socket closes), 100,000
// photos seeded by SQL, a client that reads ~1 MB and destroys its socket. The server must stop
// reading: its one COPY ends (every format of the catalog's export is written by PostgreSQL), the ExportRecord is CANCELLED with the
// rows it pulled (a small part of the whole), no transaction or query of the export is left in
// pg_stat_activity, and the heap the export used is given back.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as exportFilteredGet } from "@/app/api/v1/export/filtered/route";
import { getPrisma } from "@/lib/db/client";
import { apiTokenFor } from "../../support/api-client";
import { truncateAllTables } from "../../support/db";

const ROWS = 100_000;
const READ_BYTES = 1024 * 1024;

// gc() without --expose-gc: the flag set at run time, the function taken from a fresh context.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heapNow = () => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** The export's page queries (lib/export/image-export.ts imageExportPage), counted at the pg driver. */
let pageQueries = 0;
/** The export's one `COPY (SELECT …) TO STDOUT` (lib/export/copy/). */
let copyQueries = 0;
const isPageQuery = (text: string) => text.includes(`FROM "Image" i`) && /ORDER BY i\."id" LIMIT/.test(text);

let server: http.Server;
let base: string;
let headers: Record<string, string>;

beforeAll(async () => {
  await truncateAllTables();
  headers = (await apiTokenFor("VIEWER")).headers;
  const batch = await getPrisma().batch.create({ data: { name: "Lote grande" } });
  // ~430 bytes of CSV a row: 100,000 rows are ~43 MB, the first megabyte ~2,400 rows.
  await getPrisma().$executeRaw`
    INSERT INTO "Image" (id, "batchId", "originalName", "relativePath", "storageKey", "contentType", bytes, sha256,
                         width, height, "skuBase", sequence, "aiDescription", "createdAt", "updatedAt")
    SELECT uuidv7(), ${batch.id}::uuid, 'VD26-' || lpad(n::text, 6, '0') || '_FRENTE.jpg', 'estúdio/verão 26/dia ' || (n % 30),
           'originals/disconnect-' || n, 'image/jpeg', 1000000 + n, encode(sha256(('disconnect-' || n)::bytea), 'hex'),
           3000, 4000, 'VD26-' || lpad(n::text, 6, '0'), 'FRENTE',
           'Vestido midi em linho com botões frontais, decote V, manga curta bufante e cintura marcada por faixa ' || n,
           now(), now()
    FROM generate_series(1, ${ROWS}) n`;

  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === "string" ? config : (config?.text ?? "");
    if (text.startsWith("COPY")) copyQueries++;
    else if (isPageQuery(text)) pageQueries++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);

  // The route handler behind node:http, its body piped to the socket: a closed socket destroys the
  // pipeline, which cancels the web stream (what Next.js does on a client disconnect).
  server = http.createServer((req, res) => {
    void (async () => {
      const request = new Request(`http://localhost${req.url}`, {
        headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]),
      });
      const response = await exportFilteredGet(request, { params: Promise.resolve({}) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => server?.close(resolve));
});

/** Reads the export until `limit` bytes arrived, then destroys the socket; the bytes read. */
function readThenDisconnect(path: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const request = http.get(`${base}${path}`, { headers }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`status ${response.statusCode}`));
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes >= limit) {
          request.destroy();
          resolve(bytes);
        }
      });
      response.on("end", () => reject(new Error(`the whole export arrived (${bytes} bytes) before the limit`)));
    });
    request.on("error", (error) => (bytes >= limit ? undefined : reject(error)));
  });
}

describe("an export whose client disconnects after the first megabyte", () => {
  it("CSV: the COPY stops being read and ends, the record is CANCELLED, nothing stays open in PostgreSQL, the heap returns", async () => {
    const heapBefore = heapNow();
    pageQueries = 0;
    copyQueries = 0;
    const read = await readThenDisconnect("/api/v1/export/filtered?format=csv", READ_BYTES);
    expect(read).toBeGreaterThanOrEqual(READ_BYTES);

    const record = await vi.waitFor(
      async () => {
        const found = await getPrisma().exportRecord.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
        if (found.status !== "CANCELLED") throw new Error(`still ${found.status}`);
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    // One COPY, no pages; backpressure: what was read is ~1 MB plus the socket buffers — never the whole.
    expect(copyQueries).toBe(1);
    expect(pageQueries).toBe(0);
    expect(record.rows).toBeGreaterThan(0);
    expect(record.rows).toBeLessThan(ROWS / 4);
    expect(Number(record.bytes)).toBeGreaterThanOrEqual(READ_BYTES);
    expect(Number(record.bytes)).toBeLessThan(43_000_000 / 4);

    // The COPY's backend ends the query once its connection is gone (it may take a moment).
    await vi.waitFor(
      async () => {
        const copies = await getPrisma().$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'vitrine-export'`;
        expect(copies[0]!.n).toBe(0);
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(copyQueries).toBe(1);

    // Nothing of the export left open: no transaction, no running export query (other backends).
    const open = await getPrisma().$queryRaw<{ state: string | null; query: string }[]>`
      SELECT state, query FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()
        AND (state IN ('active', 'idle in transaction', 'idle in transaction (aborted)') OR xact_start IS NOT NULL)`;
    expect(open).toEqual([]);

    // The heap the export used is given back (a server that had buffered it would hold tens of MB).
    expect(heapNow() - heapBefore).toBeLessThan(16 * 1024 * 1024);
  });

  it("XLSX, NDJSON and JSON (a COPY each) stop as well", async () => {
    for (const format of ["xlsx", "ndjson", "json"]) {
      pageQueries = 0;
      copyQueries = 0;
      await readThenDisconnect(`/api/v1/export/filtered?format=${format}`, READ_BYTES);
      const record = await vi.waitFor(
        async () => {
          const found = await getPrisma().exportRecord.findFirstOrThrow({
            where: { format },
            orderBy: { createdAt: "desc" },
          });
          if (found.status !== "CANCELLED") throw new Error(`${format} still ${found.status}`);
          return found;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(record.rows, format).toBeLessThan(ROWS / 2);
      expect(copyQueries, format).toBe(1);
      expect(pageQueries, format).toBe(0);
      await vi.waitFor(
        async () => {
          const copies = await getPrisma().$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'vitrine-export'`;
          expect(copies[0]!.n, format).toBe(0);
        },
        { timeout: 5_000, interval: 100 },
      );
    }
  });
});
