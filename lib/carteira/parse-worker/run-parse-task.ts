import path from "node:path";
import { Worker } from "node:worker_threads";
import { getEnv } from "@/lib/config/env";
import { CarteiraParseError, DEFAULT_LIMITS, tooComplex, type CarteiraLimits } from "@/lib/carteira/parse";
import type { ParseTask, ParseTaskChunk, ParseTaskReply } from "./types";

/**
 * Loaded by absolute path from the source tree at run time: the app runs from its checkout
 * (`npm start`), as the migrations (prisma/migrations) already assume. `turbopackIgnore` keeps
 * Next.js from bundling the worker (and, through tsx, esbuild's binary) into the server.
 */
const WORKER_ENTRY = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "lib",
  "carteira",
  "parse-worker",
  "worker-entry.cjs",
);

/** A burst of uploads queues here instead of multiplying the memory budget (2 = this machine's cores). */
const MAX_CONCURRENT_PARSES = 2;

export interface ParseBudget {
  /** V8 heap of the worker (`maxOldGenerationSizeMb`); buffers are bounded by the unzip limit. */
  maxMemoryMb: number;
  timeoutMs: number;
}

export function configuredBudget(): ParseBudget {
  const env = getEnv();
  return { maxMemoryMb: env.CARTEIRA_PARSE_MAX_MEMORY_MB, timeoutMs: env.CARTEIRA_PARSE_TIMEOUT_SECONDS * 1000 };
}

/** The parse limits with the configured unzip budget. */
export function configuredLimits(): CarteiraLimits {
  return { ...DEFAULT_LIMITS, maxUncompressedBytes: getEnv().CARTEIRA_MAX_UNZIPPED_BYTES };
}

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < MAX_CONCURRENT_PARSES) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * Runs a carteira parse in its own worker thread with a heap limit and a time limit, so a hostile
 * file can neither block the server's event loop nor grow its heap. A worker that dies of its memory
 * limit or passes the time limit becomes SPREADSHEET_TOO_COMPLEX (413); the file's own parse errors
 * come back as the same CarteiraParseError. One fresh worker per parse: nothing survives a bad file.
 */
export async function runParseTask<T>(
  task: ParseTask,
  budget: ParseBudget = configuredBudget(),
  onChunk?: (chunk: Uint8Array) => void,
): Promise<T> {
  await acquire();
  try {
    return await runInWorker<T>(task, budget, onChunk);
  } finally {
    release();
    refillStandby();
  }
}

/** What the parse queue holds now (diagnostics: a stuck import says whether it waits here). */
export function parseQueueState(): { running: number; waiting: number; hasStandby: boolean } {
  return { running, waiting: waiting.length, hasStandby: Boolean(standby && !standby.isDead) };
}

interface SpawnedWorker {
  worker: Worker;
  maxMemoryMb: number;
  isDead: boolean;
}

/**
 * One worker started ahead of need, so a parse does not wait for the thread to load tsx, SheetJS
 * and papaparse (~0.3–0.4 s). It never runs more than one task; unref'd so it keeps nothing alive.
 */
let standby: SpawnedWorker | null = null;

function spawn(maxMemoryMb: number): SpawnedWorker {
  const spawned: SpawnedWorker = {
    worker: new Worker(/* turbopackIgnore: true */ WORKER_ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
    }),
    maxMemoryMb,
    isDead: false,
  };
  spawned.worker.once("exit", () => (spawned.isDead = true));
  spawned.worker.on("error", () => (spawned.isDead = true)); // an idle failure only means "spawn another"
  return spawned;
}

function takeWorker(budget: ParseBudget): Worker {
  const ready = standby && !standby.isDead && standby.maxMemoryMb === budget.maxMemoryMb ? standby : null;
  if (ready) standby = null;
  const taken = ready ?? spawn(budget.maxMemoryMb);
  taken.worker.ref();
  return taken.worker;
}

/** After a parse, not during it: the new thread's start-up would compete with the parse for CPU. */
function refillStandby(): void {
  if (standby && !standby.isDead) return;
  try {
    standby = spawn(configuredBudget().maxMemoryMb);
    standby.worker.unref();
  } catch {
    standby = null; // only a head start is lost: the next parse spawns its own worker
  }
}

function runInWorker<T>(task: ParseTask, budget: ParseBudget, onChunk?: (chunk: Uint8Array) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = takeWorker(budget);
    let isSettled = false;
    let isTimedOut = false;
    const settle = (fn: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      isTimedOut = true;
      settle(() => reject(tooComplex("time")));
    }, budget.timeoutMs);
    worker.on("message", (reply: ParseTaskReply | ParseTaskChunk) => {
      if ("chunk" in reply) {
        if (!isSettled) onChunk?.(reply.chunk);
        return;
      }
      settle(() => {
        if (reply.ok) resolve(reply.value as T);
        else if ("parseError" in reply)
          reject(new CarteiraParseError(reply.parseError.code, reply.parseError.message, reply.parseError.details));
        else reject(new Error(`carteira parse worker failed: ${reply.failure}`));
      });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooComplex("memory") : error));
    });
    worker.on("exit", (code) => {
      settle(() =>
        reject(
          isTimedOut
            ? tooComplex("time")
            : new Error(`carteira parse worker exited with code ${code} without an answer`),
        ),
      );
    });
    worker.postMessage(task);
  });
}
