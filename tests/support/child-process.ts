import { spawn, type ChildProcess } from "node:child_process";

/** Every child a test file started, so its afterAll can make sure none outlives it. */
const started: ChildProcess[] = [];

/**
 * Starts `script` (a path from the repo root) as one Node process with tsx as a loader (tsx's CLI
 * would fork a grandchild that survives SIGKILL) and resolves once it prints `READY`, with the port
 * it printed after it (`READY 4321`) when it serves HTTP.
 */
export function startChild(
  script: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port?: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${script} exited early (${code})`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /READY(?: (\d+))?/.exec(chunk.toString());
      if (match) resolve({ child, port: match[1] ? Number(match[1]) : undefined });
    });
  });
}

/** SIGKILLs the child (no chance to clean up: the point of these tests) and waits until it is gone. */
export function killChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** For afterAll: kills whatever the file started and is still running. */
export function killAllChildren(): void {
  for (const child of started) child.kill("SIGKILL");
}
