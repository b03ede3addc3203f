// Runs the real launcher (`npm start` / scripts/start.ts) as a child process on free loopback
// ports and a temp data directory, for the tests of start-up, shutdown and recovery.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/db/embedded-postgres";

export const ADMIN = { email: "admin@system.vitrine.local", password: "admin-system-senha" };
const ROOT = process.cwd();
/** What `next build` compiles: a build older than any of these is rebuilt before the tests use it. */
const BUILD_INPUTS = ["app", "lib", "components", "messages", "instrumentation.ts", "proxy.ts", "next.config.ts"];

function newestMtimeMs(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtimeMs(path.join(entry, child)));
  return newest;
}

/** `npm start` serves the production build: build it when missing or older than the sources (`npm test` builds first). */
export function ensureProductionBuild(): void {
  const buildId = fs.statSync(path.join(ROOT, ".next", "BUILD_ID"), { throwIfNoEntry: false });
  const newestSource = Math.max(...BUILD_INPUTS.map((entry) => newestMtimeMs(path.join(ROOT, entry))));
  if (buildId && buildId.mtimeMs > newestSource) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "pipe",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export type Launched = {
  child: ChildProcess;
  url: string;
  dataDir: string;
  /** Everything the process tree wrote so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `npm start` (what a supervisor runs) or the launcher directly, and waits until
 * /api/v1/health says the database is reachable (the queue check needs pg-boss's schema, which a
 * fresh external database without workers lacks). Extra env overrides the defaults.
 */
export async function launch(options: {
  via: "npm" | "launcher";
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<Launched> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-system-"));
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The integration setup points this process at the test database; the launcher only uses one when asked to.
    DATABASE_URL: undefined,
    NEXTAUTH_URL: undefined,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    EMBEDDED_PG_PORT: String(await findFreePort()),
    VITRINE_DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    PASSWORD_HASH_COST: "4",
    LOG_FORMAT: "json",
    LOG_LEVEL: "info",
    ...options.env,
  };
  const command = options.via === "npm" ? "npm" : process.execPath;
  const args =
    options.via === "npm" ? ["start", "--silent"] : ["--import", "tsx", path.join("scripts", "start.ts"), "start"];
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const launched = { child, url, dataDir, output: () => output, exited };
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the launcher exited early (${child.exitCode}):\n${output}`);
    if (await isDatabaseUp(url)) return launched;
    if (Date.now() > deadline) {
      await stopTree(launched, "SIGKILL");
      throw new Error(`the app did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** /api/v1/health says the app reaches its database. */
export async function isDatabaseUp(url: string): Promise<boolean> {
  return fetch(`${url}/api/v1/health`).then(
    async (r) => ((await r.json()) as { database?: { ok?: boolean } }).database?.ok === true,
    () => false,
  );
}

/** Pids of a process and all its descendants, from /proc. */
export function processTree(rootPid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended while we were listing
    }
    // The command name in parentheses may contain spaces; the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop()!;
    tree.push(pid);
    pending.push(...(parents.get(pid) ?? []));
  }
  return tree;
}

export function isAlive(pid: number): boolean {
  try {
    const state = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z";
  } catch {
    return false;
  }
}

export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** Sends `signal` to the top process only (as a supervisor does) and waits for it to exit. */
export async function stopTree(launched: Launched, signal: NodeJS.Signals = "SIGTERM") {
  const pids = processTree(launched.child.pid!);
  if (signal === "SIGKILL") for (const pid of pids) process.kill(pid, "SIGKILL");
  else launched.child.kill(signal);
  return { pids, ...(await launched.exited) };
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function loginToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (response.status !== 201) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
