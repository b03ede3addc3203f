import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Prisma } from "@/lib/db/client";
import type { ColumnSql } from "../columns";
import type { CsvSeparator } from "../csv";
import { crlfRows, type CsvChunk } from "./crlf-rows";
import { sqlText } from "./sql-text";

// A text cell as csvCell writes it (lib/export/csv.ts), before COPY quotes it: a formula-like first
// character (= + - @ tab CR) gets a `'` in front; an empty text is left out (NULL), as csvCell writes
// "" for both — COPY would quote an empty string to tell it from NULL. COPY then quotes a cell holding
// the separator, `"`, CR or LF and doubles its quotes: the same rule as csvCell's.
const FORMULA_ASCII = [0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d].join(",");
function csvCellSql(sql: ColumnSql, field: string): string {
  if ("number" in sql) return `(${sql.number})::text AS ${field}`;
  const e = `(${sql.text})`;
  return `CASE WHEN ascii(${e}) IN (${FORMULA_ASCII}) THEN '''' || ${e} ELSE NULLIF(${e}, '') END AS ${field}`;
}

/** The COPY that writes the rows of `rows` as the CSV writer would (without the header, lines ending in LF). */
export function csvCopyStatement(rows: Prisma.Sql, cells: readonly ColumnSql[], separator: CsvSeparator): string {
  const select = cells.map((cell, i) => csvCellSql(cell, `c${i}`)).join(", ");
  return `COPY (SELECT ${select} FROM (${sqlText(rows)}) r) TO STDOUT (FORMAT csv, DELIMITER '${separator}', ENCODING 'UTF8')`;
}

/**
 * The CSV lines of a COPY on a connection of its own, a chunk as PostgreSQL sends it (with CRLF
 * line ends, counted: CsvChunk.length is the rows it ends). Pulled: the socket is read only as the
 * consumer asks (pg-copy-streams pauses it), so memory stays flat. Returning early (a cancel, a
 * consumer that threw) closes the connection mid-COPY, which ends the query in PostgreSQL.
 */
export async function* csvCopyChunks(statement: string): AsyncGenerator<CsvChunk> {
  const client = new pg.Client({
    connectionString: process.env.DATABASE_URL,
    application_name: "vitrine-export",
    // A backend still planning or sorting when the connection closes notices within a second.
    options: "-c client_connection_check_interval=1000",
  });
  // A connection closed mid-COPY (below) errors on the client: that error is the cancel, not a failure.
  client.on("error", () => undefined);
  await client.connect();
  let finished = false;
  try {
    const toCrlf = crlfRows();
    const stream = client.query(copyTo(statement));
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) yield toCrlf(chunk);
      finished = true;
    } finally {
      if (!finished) stream.destroy();
    }
  } finally {
    if (finished) await client.end();
    else {
      // Mid-COPY: the backend learns of it when its next write fails and aborts the query.
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      void client.end().catch(() => undefined);
    }
  }
}
