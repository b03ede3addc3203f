/**
 * Benchmark: carteira import of 100,000 rows end to end (parse + DB) on a fresh embedded PostgreSQL.
 * Run: npm run bench:carteira  (or npx tsx tests/bench/carteira.ts [--rows N])
 * Prints, per run (all new, all unchanged, 10 % changed): the parse (in its worker thread, rows
 * streamed as COPY text into the staging table while it reads), the database phases after it, the total, rows/s and the peak RSS growth of the
 * process over the run; then the raw baseline of the same run — the same product rows through COPY
 * alone into the same "Product" table (same indexes and triggers, emptied first) — and the ratio.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import * as XLSX from "@e965/xlsx";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const ROWS = arg("rows", 100_000);

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
const timer = setInterval(sample, 10);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const CATS = [
  ["VESTIDOS", "MIDI", "VESTIDO"],
  ["BLUSAS", "TRICÔ", "BLUSA"],
  ["CALÇAS", "PANTALONA", "CALÇA"],
  ["SAIAS", "LÁPIS", "SAIA"],
  ["CAMISAS", "SOCIAL", "CAMISA"],
] as const;
const COLORS = ["Azul", "Preto", "Off-white", "Verde musgo", "Rosé", "Estampado"];
const BRANDS = ["Marca Ção", "Ateliê Sul", "Verão & Cia"];

const TITLE = ["CARTEIRA DE COMPRAS — VERÃO 2025", "Emitido em 01/10/2024", ""];
const HEADER =
  "REFERÊNCIA;DESCRIÇÃO;GRUPO;SUBGRUPO;TIPO;ORIGEM;COLEÇÃO;MARCA;COR;TAMANHO;PREÇO;CUSTO;QTD;FORNECEDOR;OBSERVAÇÃO";

function buildRows(rows: number, changeEvery = 0): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const [cat, sub, tipo] = CATS[i % CATS.length]!;
    out.push([
      `VD25-${String(i).padStart(6, "0")}`,
      `${tipo} ${sub.toLowerCase()} modelo ${i}`,
      cat,
      sub,
      tipo,
      i % 3 ? "NACIONAL" : "IMPORTADO",
      `Verão 2025 ${i % 4}`,
      BRANDS[i % 3]!,
      changeEvery && i % changeEvery === 0 ? "Vermelho" : COLORS[i % 6]!,
      "P/M/G",
      `${100 + (i % 900)},90`,
      `${40 + (i % 300)},15`,
      String(i % 60),
      `Confecção ${i % 40}`,
      i % 5 ? "" : "reposição",
    ]);
  }
  return out;
}

function buildCsv(rows: number, changeEvery = 0): Uint8Array {
  const lines = [...TITLE, HEADER, ...buildRows(rows, changeEvery).map((r) => r.join(";"))];
  return new Uint8Array(iconv.encode(lines.join("\r\n") + "\r\n", "win1252"));
}

/** The same rows as one XLSX sheet (SheetJS cannot read a sheet as a stream: the parse holds the workbook). */
function buildXlsx(rows: number): Uint8Array {
  const wb = XLSX.utils.book_new();
  const aoa = [...TITLE.map((t) => [t]), HEADER.split(";"), ...buildRows(rows)];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), "Carteira");
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-bench-carteira-"));
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dir, "db"),
    port: await findFreePort(),
    password: "bench",
  });
  try {
    await applyMigrations(db.url);
    process.env.DATABASE_URL = db.url;
    process.env.VITRINE_DATA_DIR = dir;
    process.env.LOG_LEVEL = "error";
    const { runParseTask } = await import("@/lib/carteira/parse-worker/run-parse-task");
    const { importCarteira } = await import("@/lib/carteira/import/import-carteira");
    const { createImportRecord } = await import("@/lib/carteira/import/import-records");
    type Staged = import("@/lib/carteira/import/stage-carteira").StagedCarteira;
    const { getPrisma } = await import("@/lib/db/client");

    const bytes = buildCsv(ROWS);
    console.log(`carteira bench: ${ROWS.toLocaleString("en-US")} rows, ${mb(bytes.length)} CSV (; / Windows-1252)`);

    const runs: {
      label: string;
      parseMs: number;
      dbMs: number;
      rssGrowth: number;
      created: number;
      updated: number;
      unchanged: number;
      history: number;
    }[] = [];
    const files: [string, Uint8Array][] = [
      ["first import (all new)", bytes],
      ["second import (all unchanged)", bytes],
      ["third import (10 % changed: one field)", buildCsv(ROWS, 10)],
      ["the first file's rows as an XLSX (the 10 % changed back)", buildXlsx(ROWS)],
    ];
    // Warm-up: a parse worker is kept started ahead of need after the first parse of a process; the
    // runs below measure that steady state (the first parse after a start also loads the thread, ~0.4 s).
    await runParseTask({ kind: "stage", input: { bytes: buildCsv(10), filename: "warm.csv" } }, undefined, () => {});
    for (const [label, file] of files) {
      const fileName = file[0] === 0x50 ? "bench.xlsx" : "bench.csv";
      const record = await createImportRecord({
        fileName,
        fileBytes: file.length,
        fileKey: null,
        userId: null,
        sheets: [],
        mapping: {},
        defaultBrandId: null,
        defaultCollectionId: null,
      });
      global.gc?.();
      await new Promise((r) => setTimeout(r, 200));
      const rssBefore = process.memoryUsage.rss();
      peakRss = rssBefore;
      const t0 = performance.now();
      let t1 = t0;
      const phases: string[] = [];
      // As the import does: read in the bounded parse worker, its COPY text going into the staging table
      // while the file is still being read; "parse" ends when the worker has read the whole file.
      const summary = await importCarteira({
        importId: record.id,
        stage: (write) =>
          runParseTask<Staged>({ kind: "stage", input: { bytes: file, filename: fileName } }, undefined, write),
        userId: null,
        onPhase: (name, ms) => {
          if (name === "parse") t1 = performance.now();
          phases.push(`${name} ${sec(ms)}`);
        },
      });
      const t2 = performance.now();
      sample();
      console.log(`  ${label}: DB phases — ${phases.join(", ")}`);
      if (summary.status !== "COMPLETED") throw new Error(`import failed: ${summary.failureReason}`);
      const history = await getPrisma().skuHistory.count({ where: { importId: record.id } });
      runs.push({
        label,
        parseMs: t1 - t0,
        dbMs: t2 - t1,
        rssGrowth: peakRss - rssBefore,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        history,
      });
    }

    const counts = await getPrisma().$queryRawUnsafe<{ p: bigint; h: bigint; b: bigint; c: bigint }[]>(
      `SELECT (SELECT count(*) FROM "Product") p, (SELECT count(*) FROM "SkuHistory") h, (SELECT count(*) FROM "Brand") b, (SELECT count(*) FROM "Collection") c`,
    );
    await getPrisma().$disconnect();

    // Raw baseline: the same product rows (as the imports left them) through COPY alone, into the same
    // "Product" table — same indexes (GIN trigram among them) and triggers — emptied first, one transaction.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const copied: Buffer[] = [];
    await pipeline(
      client.query(copyTo(`COPY "Product" TO STDOUT`)),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          copied.push(chunk);
          done();
        },
      }),
    );
    await client.query(`TRUNCATE "Product" CASCADE`);
    await client.query("VACUUM ANALYZE");
    const b0 = performance.now();
    await client.query("BEGIN");
    await pipeline(Readable.from(copied), client.query(copyFrom(`COPY "Product" FROM STDIN`)));
    await client.query("COMMIT");
    const rawMs = performance.now() - b0;
    // What the indexes cost: the same COPY into a bare copy of the table (no index, no trigger).
    await client.query(`CREATE TABLE bench_bare_product (LIKE "Product")`);
    const c0 = performance.now();
    await client.query("BEGIN");
    await pipeline(Readable.from(copied), client.query(copyFrom(`COPY bench_bare_product FROM STDIN`)));
    await client.query("COMMIT");
    const bareMs = performance.now() - c0;
    // Which indexes the table has, counted from the catalog rather than written down here.
    const kinds = await client.query<{ gin: string; expression: string; btree: string }>(
      `SELECT count(*) FILTER (WHERE am.amname = 'gin') AS gin,
         count(*) FILTER (WHERE am.amname = 'btree' AND ix.indexprs IS NOT NULL) AS expression,
         count(*) FILTER (WHERE am.amname = 'btree' AND ix.indexprs IS NULL) AS btree
       FROM pg_index ix JOIN pg_class c ON c.oid = ix.indexrelid JOIN pg_am am ON am.oid = c.relam
       WHERE ix.indrelid = '"Product"'::regclass`,
    );
    const indexKinds = kinds.rows[0]!;
    await client.end();

    console.log("");
    console.log(
      "| run | parse | DB (import) | total | rows/s (end to end) | ÷ raw COPY | peak RSS growth | created / updated / unchanged | history rows |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
    for (const r of runs) {
      const total = r.parseMs + r.dbMs;
      console.log(
        `| ${r.label} | ${sec(r.parseMs)} | ${sec(r.dbMs)} | ${sec(total)} | ${Math.round(ROWS / (total / 1000)).toLocaleString("en-US")} | ${(total / rawMs).toFixed(2)}× | ${mb(r.rssGrowth)} | ${r.created} / ${r.updated} / ${r.unchanged} | ${r.history.toLocaleString("en-US")} |`,
      );
    }
    console.log(
      `| raw baseline: COPY of the same ${ROWS.toLocaleString("en-US")} product rows into "Product" (DB only) | — | ${sec(rawMs)} | ${sec(rawMs)} | ${Math.round(ROWS / (rawMs / 1000)).toLocaleString("en-US")} | 1.00× | — | — | — |`,
    );
    console.log(
      `| the same COPY into a bare copy of "Product" (no index, no trigger) | — | ${sec(bareMs)} | ${sec(bareMs)} | ${Math.round(ROWS / (bareMs / 1000)).toLocaleString("en-US")} | ${(bareMs / rawMs).toFixed(2)}× | — | — | — |`,
    );
    console.log("");
    console.log(
      `"Product"'s indexes and triggers (${indexKinds.gin} GIN trigram, ${indexKinds.expression} expression, ${indexKinds.btree} plain btree) are ${(((rawMs - bareMs) / rawMs) * 100).toFixed(0)} % of the raw COPY`,
    );
    const first = runs[0]!;
    console.log(
      `first import ÷ raw COPY: end to end ${((first.parseMs + first.dbMs) / rawMs).toFixed(2)}×, DB only ${(first.dbMs / rawMs).toFixed(2)}× (the import also stages, diffs, upserts brands/collections and writes ${first.history.toLocaleString("en-US")} SKU history rows)`,
    );
    console.log(
      `rows in DB before the baseline: products ${counts[0]!.p}, history ${counts[0]!.h}, brands ${counts[0]!.b}, collections ${counts[0]!.c}`,
    );
    console.log(`peak RSS growth (largest run): ${mb(Math.max(...runs.map((r) => r.rssGrowth)))}`);
  } finally {
    clearInterval(timer);
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
