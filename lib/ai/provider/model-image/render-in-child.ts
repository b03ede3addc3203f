import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ModelImageReply, ModelImageRequest } from "./types";

/**
 * The model's copy of a photo is made in a child process at the lowest CPU priority (nice 19):
 * decoding a 24 MP original is the one CPU-heavy step of an AI run, and on a small server it would
 * take the cores ingestion needs (measured by `npm run bench:ai`). The kernel now gives the web
 * server and the ingest pipeline (nice 0) the CPU first; the run, which mostly waits on the provider,
 * takes what is left. Loaded by absolute path from the source tree, as the carteira parse worker.
 */
const ENTRY = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "lib",
  "ai",
  "provider",
  "model-image",
  "child-entry.cjs",
);
/** A photo that takes longer is given up (the child is restarted): the item is retried like a timeout. */
const REQUEST_TIMEOUT_MS = 60_000;
const NICE = 19;

type Pending = { resolve: (jpeg: Buffer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type ChildState = { child: ChildProcess; pending: Map<number, Pending>; nextId: number; ready: Promise<void> };

const globalForChild = globalThis as unknown as { vitrineModelImageChild?: ChildState };

function niceCommand(): string | null {
  return ["/usr/bin/nice", "/bin/nice"].find((candidate) => fs.existsSync(candidate)) ?? null;
}

function startChild(): ChildState {
  const nice = niceCommand();
  // Every thread of the child (libvips' included) inherits the nice value it starts with.
  const child = nice
    ? spawn(nice, ["-n", String(NICE), process.execPath, ENTRY], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        serialization: "advanced",
      })
    : spawn(process.execPath, [ENTRY], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
  if (!nice && child.pid) {
    try {
      os.setPriority(child.pid, NICE);
    } catch {
      /* best effort where there is no nice(1) */
    }
  }
  const state: ChildState = { child, pending: new Map(), nextId: 1, ready: Promise.resolve() };
  state.ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("error", reject);
    child.once("exit", () => reject(new Error("O processo de preparo de imagens para a IA terminou ao iniciar.")));
  });
  state.ready.catch(() => {});
  child.on("message", (message: ModelImageReply | { ready: true }) => {
    if ("ready" in message) return;
    const pending = state.pending.get(message.id);
    if (!pending) return;
    state.pending.delete(message.id);
    clearTimeout(pending.timer);
    if ("jpeg" in message) pending.resolve(Buffer.from(message.jpeg));
    else pending.reject(new Error(message.error));
  });
  child.once("exit", () => {
    if (globalForChild.vitrineModelImageChild === state) globalForChild.vitrineModelImageChild = undefined;
    for (const pending of state.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error("O processo de preparo de imagens para a IA terminou."));
    }
    state.pending.clear();
  });
  // Never what keeps this process alive: a pending request holds its own timer.
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  return state;
}

function childState(): ChildState {
  globalForChild.vitrineModelImageChild ??= startChild();
  return globalForChild.vitrineModelImageChild;
}

/** The model-size JPEG of `input` (a local path or the original's bytes), made by the nice-19 child. */
export async function renderModelImageInChild(
  input: string | Buffer,
  longSide: number,
  maxPixels: number,
): Promise<Buffer> {
  const state = childState();
  await state.ready;
  const id = state.nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      state.pending.delete(id);
      reject(new Error("O preparo da imagem para a IA demorou demais."));
      state.child.kill("SIGKILL");
    }, REQUEST_TIMEOUT_MS);
    state.pending.set(id, { resolve, reject, timer });
    const request: ModelImageRequest = { id, input, longSide, maxPixels };
    state.child.send(request, (error) => {
      if (!error) return;
      state.pending.delete(id);
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The child's pid once it runs (tests read its nice value). */
export function modelImageChildPid(): number | undefined {
  return globalForChild.vitrineModelImageChild?.child.pid;
}
