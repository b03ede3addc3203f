import { describe, expect, it, vi } from "vitest";
import type { RunningEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { superviseEmbeddedPostgres } from "@/lib/db/supervise-embedded-postgres";

// The failed attempts these tests cause on purpose are logged as errors.
vi.mock("@/lib/log/logger", () => ({
  getLogger: () => ({ error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, fatal: () => {} }),
}));

/** A stand-in for the embedded server: `die()` fires the exit listeners, `restart` succeeds after `failures` attempts. */
function fakeServer(failures: number) {
  let exitListener: (() => void) | undefined;
  let attempts = 0;
  const server = {
    url: "postgresql://x",
    port: 1,
    pid: 1,
    onUnexpectedExit: (listener: (exit: { code: null; signal: string }) => void) =>
      (exitListener = () => listener({ code: null, signal: "SIGKILL" })),
    restart: vi.fn(async () => {
      attempts += 1;
      if (attempts <= failures) throw new Error("pre-existing shared memory block is still in use");
    }),
    stop: async () => {},
  } as unknown as RunningEmbeddedPostgres & { restart: ReturnType<typeof vi.fn> };
  return { server, die: () => exitListener?.() };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("superviseEmbeddedPostgres", () => {
  it("restarts a server that died, retrying with backoff until it comes back", async () => {
    const { server, die } = fakeServer(2);
    const onGiveUp = vi.fn();
    superviseEmbeddedPostgres(server, { isStopping: () => false, onGiveUp, delaysMs: [1, 1, 1, 1] });
    die();
    await vi.waitFor(() => expect(server.restart).toHaveBeenCalledTimes(3));
    await settle();
    expect(server.restart).toHaveBeenCalledTimes(3);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it("gives up after the last attempt, so the launcher exits non-zero for a supervisor", async () => {
    const { server, die } = fakeServer(99);
    const onGiveUp = vi.fn();
    superviseEmbeddedPostgres(server, { isStopping: () => false, onGiveUp, delaysMs: [1, 1, 1] });
    die();
    // Waits for the outcome rather than for a fixed time: a loaded machine runs the timers late.
    await vi.waitFor(() => expect(onGiveUp).toHaveBeenCalledOnce());
    expect(server.restart).toHaveBeenCalledTimes(3);
  });

  it("gives up on a crash loop instead of restarting forever", async () => {
    const { server, die } = fakeServer(0);
    const onGiveUp = vi.fn();
    superviseEmbeddedPostgres(server, { isStopping: () => false, onGiveUp, delaysMs: [1] });
    for (let i = 0; i < 6; i++) {
      die();
      // Each death is restarted before the next one, however late the timers run.
      if (i < 5) await vi.waitFor(() => expect(server.restart).toHaveBeenCalledTimes(i + 1));
    }
    await vi.waitFor(() => expect(onGiveUp).toHaveBeenCalledOnce());
    expect(server.restart).toHaveBeenCalledTimes(5);
    expect(onGiveUp).toHaveBeenCalledOnce();
  });

  it("leaves a server alone that stops because the app is stopping", async () => {
    const { server, die } = fakeServer(0);
    const onGiveUp = vi.fn();
    superviseEmbeddedPostgres(server, { isStopping: () => true, onGiveUp, delaysMs: [1] });
    die();
    await settle();
    expect(server.restart).not.toHaveBeenCalled();
    expect(onGiveUp).not.toHaveBeenCalled();
  });
});
