/**
 * Work that must end before the server process exits, registered by whoever started it. The job
 * workers are started by instrumentation.ts inside Next.js's server bundle while the process's
 * signals are handled by the HTTP server outside it (scripts/server.ts): two copies of every
 * module, one globalThis, so the list lives there.
 */
type ShutdownHook = { name: string; run: () => Promise<void> };
const globalForHooks = globalThis as unknown as { vitrineShutdownHooks?: ShutdownHook[] };

export function onShutdown(name: string, run: () => Promise<void>): void {
  (globalForHooks.vitrineShutdownHooks ??= []).push({ name, run });
}

/** Runs every hook once, side by side; a failing hook does not keep the others from running. */
export async function runShutdownHooks(onError: (name: string, error: unknown) => void): Promise<void> {
  const hooks = globalForHooks.vitrineShutdownHooks ?? [];
  globalForHooks.vitrineShutdownHooks = [];
  await Promise.all(hooks.map((hook) => hook.run().catch((error: unknown) => onError(hook.name, error))));
}
