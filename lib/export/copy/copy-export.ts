import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Prisma } from "@/lib/db/client";
import type { ColumnSql } from "../columns";
import type { CsvSeparator } from "../csv";
import { crlfRows, type CsvChunk } from "./crlf-rows";
import { jsonArrayRows, ndjsonRows } from "./json-rows";
import { sqlText } from "./sql-text";

// A text cell as csvCell writes it (lib/export/csv.ts), before COPY quotes it: a formula-like first
// character (= + - @ tab CR) gets a `'` in front; an empty text is left out (NULL), as csvCell writes
// "" for both — COPY would quote an empty string to tell it from NULL. COPY then quotes a cell holding
// the separator, `"`, CR or LF and doubles its quotes: the same rule as csvCell's.
// Every formula character is below '.' (46) or is '=' or '@' (61, 64), and ascii('') is 0: a NULL, a
// text starting with a letter, or with a digit, '.', '/', ':', ';' or '<' is written after a test or
// two; the rest go through a simple CASE on that first character. Measured on 1,000,000 rows of 36
// texts in one process over the bare fields (5.2–6.3 s): `ascii(e) IN (…)` then NULLIF +5.4 s, the
// letter test alone +1.0–2.0 s, with the NULL and digit tests +0.1–1.3 s.
const FORMULA_ASCII = [0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d];
function csvCellSql(sql: ColumnSql, field: string): string {
  if ("number" in sql) return `(${sql.number})::text AS ${field}`;
  const e = `(${sql.text})`;
  if (sql.plain) return `${e} AS ${field}`;
  const formulas = FORMULA_ASCII.map((code) => `WHEN ${code} THEN '''' || ${e}`).join(" ");
  const written = `${e} IS NULL OR ascii(${e}) > 64 OR ascii(${e}) BETWEEN 46 AND 60`;
  return `CASE WHEN ${written} THEN ${e} ELSE CASE ascii(${e}) WHEN 0 THEN NULL ${formulas} ELSE ${e} END END AS ${field}`;
}

/** The COPY that writes the rows of `rows` as the CSV writer would (without the header, lines ending in LF). */
export function csvCopyStatement(rows: Prisma.Sql, cells: readonly ColumnSql[], separator: CsvSeparator): string {
  const select = cells.map((cell, i) => csvCellSql(cell, `c${i}`)).join(", ");
  return `COPY (SELECT ${select} FROM (${sqlText(rows)}) r) TO STDOUT (FORMAT csv, DELIMITER '${separator}', ENCODING 'UTF8')`;
}

/**
 * The COPY that writes each row as the JSON writers' object (json-writer.ts): `{"key":value,…}` in
 * column order, made by row_to_json over the cells named by their keys — texts with the same escapes
 * as JSON.stringify (\" \\ \b \f \n \r \t and \u00xx below U+0020), numbers as printed, null for
 * none, no space anywhere. One call a row: concatenating a to_json per cell cost PostgreSQL ~25 CPU
 * seconds for 1,000,000 rows of 39 cells. One object a line, as CSV with one column whose separator
 * and quote are control characters no JSON text holds raw: COPY then writes the object unquoted and
 * unescaped.
 */
export function jsonCopyStatement(rows: Prisma.Sql, cells: readonly { key: string; sql: ColumnSql }[]): string {
  const fields = cells.map(({ key, sql }) => {
    // A longer name would be cut to PostgreSQL's 63 bytes, and the key with it.
    if (Buffer.byteLength(key) > 63) throw new Error(`JSON export key too long for PostgreSQL: ${key}`);
    return `${"number" in sql ? `(${sql.number})` : `(${sql.text})::text`} AS ${pg.escapeIdentifier(key)}`;
  });
  const object = fields.length
    ? `row_to_json(j)::text FROM (SELECT ${fields.join(", ")} FROM (${sqlText(rows)}) r) j`
    : `'{}' FROM (${sqlText(rows)}) r`;
  return `COPY (SELECT ${object}) TO STDOUT (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02', ENCODING 'UTF8')`;
}

/** A text export PostgreSQL writes: its statement, how each chunk becomes the file's, and the file's tail. */
export type CopyExport = { statement: string; rows: (chunk: Buffer) => CsvChunk; end: () => string };

export function csvCopyExport(rows: Prisma.Sql, cells: readonly ColumnSql[], separator: CsvSeparator): CopyExport {
  return { statement: csvCopyStatement(rows, cells, separator), rows: crlfRows(), end: () => "" };
}

export function jsonCopyExport(
  rows: Prisma.Sql,
  cells: readonly { key: string; sql: ColumnSql }[],
  form: "array" | "lines",
): CopyExport {
  const statement = jsonCopyStatement(rows, cells);
  if (form === "lines") return { statement, rows: ndjsonRows(), end: () => "" };
  return { statement, ...jsonArrayRows() };
}

/** From this many rows (the planner's estimate) a COPY reads its rows in their order instead of sorting them. */
export const COPY_UNSORTED_FROM_ROWS = 50_000;

/** The SELECT inside one of these `COPY (SELECT …) TO STDOUT (…)` statements (to EXPLAIN it). */
export function copySelect(statement: string): string {
  return statement.slice("COPY (".length, statement.lastIndexOf(") TO STDOUT ("));
}

/**
 * The planner costs a COPY for its total time, so for a large export in id order it sorts the
 * whole selection (1,000,000 photos: ~600 MB sorted on disk before the first row, 1.2–2.4 s on the
 * loaded host) where walking the primary key gives the first row in ~20 ms for the same total.
 * When EXPLAIN estimates that many rows, this connection (the COPY's own) turns sorting off; a
 * selective filter keeps the planner's plan (an index on the filter, then a small sort).
 */
async function preferRowOrder(client: pg.Client, statement: string): Promise<void> {
  const select = copySelect(statement);
  const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `EXPLAIN (FORMAT JSON) ${select}`,
  );
  if ((rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0) >= COPY_UNSORTED_FROM_ROWS)
    await client.query("SET enable_sort = off");
}

/** Bytes a COPY's chunks are gathered into before they go on (the first goes at once). */
export const COPY_CHUNK_BYTES = 256 * 1024;

/**
 * PostgreSQL sends a COPY in ~8 KB messages and the socket is read as they come, so a 1,000,000-row
 * CSV arrived in ~43,000 chunks, each then paying for a row scan, a web-stream pull and an HTTP write
 * on the same two cores as the query. Gathered to 256 KB they are ~1,500 (bench:export: server CPU
 * 1.9–2.6 s against 2.3–3.4 s at 64 KB). The first chunk is not held, so the first
 * byte is as early as before; the wait for the next 256 KB is about a millisecond when the query streams.
 */
async function* coalesced(chunks: AsyncIterable<Buffer>, minBytes: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  let isFirst = true;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (isFirst || size >= minBytes) {
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      parts = [];
      size = 0;
      isFirst = false;
    }
  }
  if (size > 0) yield Buffer.concat(parts, size);
}

/**
 * The chunks of a COPY on a connection of its own, each as `rows` makes it (CsvChunk.length: the
 * rows it ends). Pulled: the socket is read only as the consumer asks (pg-copy-streams pauses it),
 * so memory stays flat. Returning early (a cancel, a consumer that threw) closes the connection
 * mid-COPY, which ends the query in PostgreSQL.
 */
export async function* copyChunks(statement: string, rows: (chunk: Buffer) => CsvChunk): AsyncGenerator<CsvChunk> {
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    application_name: "vitrine-export",
    // A backend still planning or sorting when the connection closes notices within a second.
    options: "-c client_connection_check_interval=1000",
  });
  // A connection closed mid-COPY (below) errors on the client: that error is the cancel, not a failure.
  client.on("error", () => undefined);
  await client.connect();
  await preferRowOrder(client, statement);
  let finished = false;
  try {
    const stream = client.query(copyTo(statement));
    try {
      for await (const chunk of coalesced(stream as AsyncIterable<Buffer>, COPY_CHUNK_BYTES)) yield rows(chunk);
      finished = true;
    } finally {
      if (!finished) stream.destroy();
    }
  } finally {
    if (finished) await client.end();
    else {
      // Mid-COPY: the backend learns of it when its next write fails (or its connection check) and aborts the query.
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      void client.end().catch(() => undefined);
    }
  }
}
