/**
 * Per-host limits of one worker process, shared by every chunk job it runs: at most `perHost`
 * downloads of one host at a time (a slot is reserved when a URL is claimed, so a chunk never claims
 * URLs of a host that has no free slot and its other hosts keep going) and, with a polite delay, two
 * downloads of one host start at least `delayMs` apart.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { reserved: number; nextStartAt: number }>();
  private waiters: (() => void)[] = [];

  constructor(private readonly limits: () => { perHost: number; delayMs: number }) {}

  /** Hosts with reserved slots and how many more each may take now (0: none). */
  rooms(): { hosts: string[]; rooms: number[]; full: string[] } {
    const { perHost } = this.limits();
    const hosts: string[] = [];
    const rooms: number[] = [];
    const full: string[] = [];
    for (const [host, entry] of this.hosts) {
      const room = Math.max(0, perHost - entry.reserved);
      hosts.push(host);
      rooms.push(room);
      if (room === 0) full.push(host);
    }
    return { hosts, rooms, full };
  }

  reserve(host: string): void {
    const entry = this.hosts.get(host) ?? { reserved: 0, nextStartAt: 0 };
    entry.reserved += 1;
    this.hosts.set(host, entry);
  }

  /** Waits for the host's polite delay (resolves at once without one, or when `signal` aborts). */
  async waitTurn(host: string, signal: AbortSignal): Promise<void> {
    const { delayMs } = this.limits();
    const entry = this.hosts.get(host);
    if (delayMs <= 0 || !entry) return;
    const now = Date.now();
    const at = Math.max(now, entry.nextStartAt);
    entry.nextStartAt = at + delayMs;
    if (at > now) await abortableSleep(at - now, signal);
  }

  release(host: string): void {
    const entry = this.hosts.get(host);
    if (!entry) return;
    entry.reserved -= 1;
    // Forget an idle host once its delay has passed (a long batch sees many hosts).
    if (entry.reserved <= 0 && entry.nextStartAt <= Date.now()) this.hosts.delete(host);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at the next release of any slot. */
  nextRelease(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
