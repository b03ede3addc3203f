import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationDirectory, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma migrations without the Rust schema engine binary (which cannot be downloaded here):
 * the same engine compiled to WebAssembly, driven through the pg driver adapter. Applied
 * migrations are recorded in Prisma's own `_prisma_migrations`, so `prisma migrate deploy`
 * stays compatible on machines that have the binary.
 */
const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");
const SCHEMA_PATH = path.join(process.cwd(), "prisma", "schema.prisma");
const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema-snapshot.prisma.txt");
const NO_FILTERS = { externalTables: [], externalEnums: [] };

type WasmModule = typeof import("@prisma/schema-engine-wasm");

/** The package's entry imports a .wasm file as an ES module, which Node cannot; instantiate it by hand. */
function loadSchemaEngineWasm(): Promise<WasmModule> {
  // The bindings are a native import, one per process, so their WebAssembly instance must be one per
  // process too: a second copy of this module (another bundle, two test projects) instantiating again
  // would swap the memory under the first one's engines.
  const holder = globalThis as { vitrineSchemaEngineWasm?: Promise<WasmModule> };
  holder.vitrineSchemaEngineWasm ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bindings = (await import(/* webpackIgnore: true */ bgPath)) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmBytes = await fs.readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return holder.vitrineSchemaEngineWasm;
}

async function withSchemaEngine<T>(databaseUrl: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  const schema = await fs.readFile(SCHEMA_PATH, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  return fn(engine);
}

export async function readMigrationList(baseDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = await Promise.all(
    dirs.map(async (dir) => {
      const file = path.join(baseDir, dir, "migration.sql");
      const content = await fs.readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        (error: Error) => ({ tag: "error" as const, value: error.message }),
      );
      return { path: dir, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = await fs.readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every pending migration; returns the names applied now. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationList();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL from the schema as of the last migration (a snapshot written beside the migrations) to
 * the current schema.prisma. Diffing two datamodels needs no database: replaying migrations on a
 * shadow database through the WASM engine trips over PostgreSQL catalog types it cannot read.
 */
export async function diffSchemaSinceLastMigration(databaseUrl: string): Promise<string> {
  const schema = await fs.readFile(SCHEMA_PATH, "utf8");
  const snapshot = await fs.readFile(SNAPSHOT_PATH, "utf8").catch(() => null);
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from:
        snapshot === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: SNAPSHOT_PATH, content: snapshot }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}

export async function writeMigration(name: string, sql: string, now = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const safeName =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "") || "migration";
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${safeName}`);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, "migration.sql"), sql);
  await fs.copyFile(SCHEMA_PATH, SNAPSHOT_PATH);
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  await fs
    .access(lockPath)
    .catch(() =>
      fs.writeFile(
        lockPath,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
      ),
    );
  return dir;
}
