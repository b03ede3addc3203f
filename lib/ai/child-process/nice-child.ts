import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/**
 * One long-lived plain-Node child process at the lowest CPU priority (nice 19), reused across
 * requests: the CPU-heavy steps of an AI run (decoding a 24 MP original, OCR) run there so the
 * kernel gives the web server and the ingest pipeline (nice 0) the CPU first. The entry is a
 * CommonJS file loaded by absolute path from the source tree (never bundled by Next). A request that
 * takes longer than its timeout kills the child (the next request starts a new one); a child that
 * exits fails every request in flight. The live child is kept on globalThis so a module reloaded in
 * development does not start a second one.
 */
export type NiceChildOptions<Ready> = {
  /** Absolute path of the child's CommonJS entry. */
  entry: string;
  /** Arguments after the entry (the child reads its configuration there). */
  args?: string[];
  /** V8 heap bound of the child (--max-old-space-size), in MB. */
  maxOldSpaceMb?: number;
  /** Key on globalThis where the live child is kept. */
  globalKey: string;
  /** The errors a request fails with. */
  errors: {
    /** The child exited while starting. */
    startFailed: () => Error;
    /** The child exited (killed, crashed, or it ended itself) with requests in flight. */
    exited: (exit: { code: number | null; signal: NodeJS.Signals | null }) => Error;
    /** A request took longer than its timeout (the child is killed). */
    timedOut: () => Error;
  };
  /** Checks the child's first message (`{ ready: true, … }`) and returns what it says about itself. */
  parseReady?: (message: { ready: true } & Record<string, unknown>) => Ready;
};

export const CHILD_NICE = 19;
/** Longest a child may take to start (load its modules, language data …) before it is killed. */
const START_TIMEOUT_MS = 60_000;

type Pending<Reply> = { resolve: (reply: Reply) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type ChildState<Reply, Ready> = {
  child: ChildProcess;
  pending: Map<number, Pending<Reply>>;
  nextId: number;
  ready: Promise<Ready>;
};

function niceCommand(): string | null {
  return ["/usr/bin/nice", "/bin/nice"].find((candidate) => fs.existsSync(candidate)) ?? null;
}

export class NiceChild<Request extends { id: number }, Reply extends { id: number }, Ready = void> {
  constructor(private readonly options: NiceChildOptions<Ready>) {}

  private get store(): Record<string, ChildState<Reply, Ready> | undefined> {
    return globalThis as unknown as Record<string, ChildState<Reply, Ready> | undefined>;
  }

  private start(): ChildState<Reply, Ready> {
    const { entry, args = [], maxOldSpaceMb, errors, parseReady } = this.options;
    const nodeArgs = [...(maxOldSpaceMb ? [`--max-old-space-size=${maxOldSpaceMb}`] : []), entry, ...args];
    const nice = niceCommand();
    const spawnOptions: SpawnOptions = { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" };
    // Every thread of the child (libvips' and WebAssembly workers' included) inherits the nice value it starts with.
    // The entry is loaded by path at run time: nothing for Next's file tracing to follow.
    const child: ChildProcess = nice
      ? spawn(/* turbopackIgnore: true */ nice, ["-n", String(CHILD_NICE), process.execPath, ...nodeArgs], spawnOptions)
      : spawn(/* turbopackIgnore: true */ process.execPath, nodeArgs, spawnOptions);
    if (!nice && child.pid) {
      try {
        os.setPriority(child.pid, CHILD_NICE);
      } catch {
        /* best effort where there is no nice(1) */
      }
    }
    const state: ChildState<Reply, Ready> = { child, pending: new Map(), nextId: 1, ready: Promise.resolve() as never };
    // A child that never says it is ready is ended (its waiters get startFailed).
    const startTimer = setTimeout(() => child.kill("SIGKILL"), START_TIMEOUT_MS);
    startTimer.unref();
    state.ready = new Promise<Ready>((resolve, reject) => {
      child.once("message", (message: { ready: true } & Record<string, unknown>) => {
        clearTimeout(startTimer);
        try {
          resolve(parseReady ? parseReady(message) : (undefined as Ready));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          child.kill("SIGKILL");
        }
      });
      child.once("error", reject);
      child.once("exit", () => reject(errors.startFailed()));
    });
    state.ready.catch(() => {});
    child.on("message", (message: Reply | { ready: true }) => {
      if ("ready" in message) return;
      const pending = state.pending.get(message.id);
      if (!pending) return;
      state.pending.delete(message.id);
      clearTimeout(pending.timer);
      pending.resolve(message);
    });
    child.once("exit", (code, signal) => {
      if (this.store[this.options.globalKey] === state) this.store[this.options.globalKey] = undefined;
      for (const pending of state.pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(errors.exited({ code, signal }));
      }
      state.pending.clear();
    });
    // Never what keeps this process alive: a pending request holds its own timer.
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    return state;
  }

  private state(): ChildState<Reply, Ready> {
    const key = this.options.globalKey;
    this.store[key] ??= this.start();
    return this.store[key];
  }

  /** What the running (or a new) child said when it started. */
  async ready(): Promise<Ready> {
    return this.waitReady(this.state());
  }

  /** The child is unref'd: while a caller waits for it to start, a timer keeps this process alive. */
  private async waitReady(state: ChildState<Reply, Ready>): Promise<Ready> {
    const hold = setInterval(() => {}, 60_000);
    try {
      return await state.ready;
    } finally {
      clearInterval(hold);
    }
  }

  /** Sends one request and waits for the reply with its id; past `timeoutMs` the child is killed. */
  async request(body: Omit<Request, "id">, timeoutMs: number): Promise<Reply> {
    const state = this.state();
    await this.waitReady(state);
    const id = state.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        state.pending.delete(id);
        reject(this.options.errors.timedOut());
        state.child.kill("SIGKILL");
      }, timeoutMs);
      state.pending.set(id, { resolve, reject, timer });
      state.child.send({ ...body, id } as Request, (error) => {
        if (!error) return;
        state.pending.delete(id);
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** The child's pid once it runs (tests read its nice value and memory). */
  pid(): number | undefined {
    return this.store[this.options.globalKey]?.child.pid;
  }

  /** Ends the running child, if any (the next request starts a new one); resolves once it has exited. */
  async stop(): Promise<void> {
    const state = this.store[this.options.globalKey];
    if (!state) return;
    this.store[this.options.globalKey] = undefined;
    if (state.child.exitCode !== null || state.child.signalCode !== null) return;
    // The child is unref'd: a timer keeps this process alive until it has exited.
    const hold = setInterval(() => {}, 60_000);
    await new Promise<void>((resolve) => {
      state.child.once("exit", () => resolve());
      state.child.kill("SIGKILL");
    }).finally(() => clearInterval(hold));
  }
}
