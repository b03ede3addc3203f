/**
 * Benchmark: carteira import of 100,000 rows end to end (parse + DB) on a fresh embedded PostgreSQL.
 * Run: npm run bench:carteira  (or npx tsx tests/bench/carteira.ts [--rows N])
 * Prints rows/s, parse vs DB time, peak RSS, a raw multi-row INSERT baseline of the same rows in the
 * same run (and the ratio), and a second import of the same file (all rows unchanged).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : def;
}
const ROWS = arg("rows", 100_000);

let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
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

function buildCsv(rows: number): Uint8Array {
  const lines = [
    "CARTEIRA DE COMPRAS — VERÃO 2025",
    "Emitido em 01/10/2024",
    "",
    "REFERÊNCIA;DESCRIÇÃO;GRUPO;SUBGRUPO;TIPO;ORIGEM;COLEÇÃO;MARCA;COR;TAMANHO;PREÇO;CUSTO;QTD;FORNECEDOR;OBSERVAÇÃO",
  ];
  for (let i = 0; i < rows; i++) {
    const [cat, sub, tipo] = CATS[i % CATS.length]!;
    lines.push(
      [
        `VD25-${String(i).padStart(6, "0")}`,
        `${tipo} ${sub.toLowerCase()} modelo ${i}`,
        cat,
        sub,
        tipo,
        i % 3 ? "NACIONAL" : "IMPORTADO",
        `Verão 2025 ${i % 4}`,
        BRANDS[i % 3],
        COLORS[i % 6],
        "P/M/G",
        `${100 + (i % 900)},90`,
        `${40 + (i % 300)},15`,
        String(i % 60),
        `Confecção ${i % 40}`,
        i % 5 ? "" : "reposição",
      ].join(";"),
    );
  }
  return new Uint8Array(iconv.encode(lines.join("\r\n") + "\r\n", "win1252"));
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
    const { parseCarteiraFile } = await import("@/lib/carteira/parse");
    const { runParseTask } = await import("@/lib/carteira/parse-worker/run-parse-task");
    const { importCarteira } = await import("@/lib/carteira/import/import-carteira");
    const { createImportRecord } = await import("@/lib/carteira/import/import-records");
    const { getPrisma } = await import("@/lib/db/client");

    const bytes = buildCsv(ROWS);
    console.log(`carteira bench: ${ROWS.toLocaleString("en-US")} rows, ${mb(bytes.length)} CSV (; / Windows-1252)`);

    const runs: {
      label: string;
      parseMs: number;
      dbMs: number;
      created: number;
      updated: number;
      unchanged: number;
    }[] = [];
    for (const label of ["first import (all new)", "second import (all unchanged)"]) {
      const record = await createImportRecord({
        fileName: "bench.csv",
        fileBytes: bytes.length,
        fileKey: null,
        userId: null,
        sheets: [],
        mapping: {},
        defaultBrandId: null,
        defaultCollectionId: null,
      });
      const t0 = performance.now();
      // As the import does: in the bounded parse worker (start-up and copying the rows back included).
      const parse = await runParseTask<Awaited<ReturnType<typeof parseCarteiraFile>>>({
        kind: "parse",
        input: { bytes, filename: "bench.csv" },
      });
      const t1 = performance.now();
      sample();
      const phases: string[] = [];
      const summary = await importCarteira({
        importId: record.id,
        parse,
        userId: null,
        onPhase: (name, ms) => phases.push(`${name} ${sec(ms)}`),
      });
      console.log(`  ${label}: DB phases — ${phases.join(", ")}`);
      const t2 = performance.now();
      sample();
      if (summary.status !== "COMPLETED") throw new Error(`import failed: ${summary.failureReason}`);
      runs.push({
        label,
        parseMs: t1 - t0,
        dbMs: t2 - t1,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
      });
    }

    // Raw baseline: the same rows, parsed by the same parser, written with plain multi-row INSERTs
    // (5,000 rows per statement) into a scratch table with the same columns + unique SKU, one transaction.
    const parse = parseCarteiraFile({ bytes, filename: "bench.csv" });
    const rows = parse.sheets.flatMap((s) => s.rows);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `CREATE TABLE scratch (id bigserial PRIMARY KEY, sku text UNIQUE NOT NULL, nome text, cat text, sub text, tipo text, origem text, cor text, extra jsonb)`,
    );
    const b0 = performance.now();
    await client.query("BEGIN");
    const CH = 5000;
    for (let i = 0; i < rows.length; i += CH) {
      const chunk = rows.slice(i, i + CH);
      const values: unknown[] = [];
      const tuples = chunk.map((r, j) => {
        const f = r.fields;
        values.push(
          f.sku,
          f.nome_peca ?? null,
          f.categoria ?? null,
          f.subcategoria ?? null,
          f.tipo_peca ?? null,
          f.origem ?? null,
          f.cor ?? null,
          JSON.stringify(r.extras),
        );
        const o = j * 8;
        return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6},$${o + 7},$${o + 8})`;
      });
      await client.query(
        `INSERT INTO scratch (sku, nome, cat, sub, tipo, origem, cor, extra) VALUES ${tuples.join(",")}`,
        values,
      );
    }
    await client.query("COMMIT");
    const rawMs = performance.now() - b0;
    await client.end();

    const counts = await getPrisma().$queryRawUnsafe<{ p: bigint; h: bigint; b: bigint; c: bigint }[]>(
      `SELECT (SELECT count(*) FROM "Product") p, (SELECT count(*) FROM "SkuHistory") h, (SELECT count(*) FROM "Brand") b, (SELECT count(*) FROM "Collection") c`,
    );
    await getPrisma().$disconnect();

    const first = runs[0]!;
    console.log("");
    console.log("| run | parse | DB (import) | total | rows/s (end to end) | created / updated / unchanged |");
    console.log("| --- | ---: | ---: | ---: | ---: | --- |");
    for (const r of runs) {
      const total = r.parseMs + r.dbMs;
      console.log(
        `| ${r.label} | ${sec(r.parseMs)} | ${sec(r.dbMs)} | ${sec(total)} | ${Math.round(ROWS / (total / 1000)).toLocaleString("en-US")} | ${r.created} / ${r.updated} / ${r.unchanged} |`,
      );
    }
    console.log(
      `| raw baseline: multi-row INSERT of the same parsed rows (DB only) | — | ${sec(rawMs)} | ${sec(rawMs)} | ${Math.round(ROWS / (rawMs / 1000)).toLocaleString("en-US")} | — |`,
    );
    console.log("");
    console.log(
      `DB time ratio, import / raw INSERT baseline: ${(first.dbMs / rawMs).toFixed(2)}× (the import also upserts brands/collections, diffs, and writes ${Number(counts[0]!.h).toLocaleString("en-US")} SKU history rows)`,
    );
    console.log(
      `End-to-end throughput ratio, raw baseline rows/s ÷ import rows/s: ${((first.parseMs + first.dbMs) / rawMs).toFixed(2)}×`,
    );
    console.log(
      `rows in DB: products ${counts[0]!.p}, history ${counts[0]!.h}, brands ${counts[0]!.b}, collections ${counts[0]!.c}`,
    );
    console.log(`peak RSS: ${mb(peakRss)}`);
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
