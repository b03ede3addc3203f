// Runs once when the Next.js server starts: in-process job workers (WORKERS_IN_APP, on by default),
// stopped gracefully by the server (scripts/server.ts) on SIGTERM/SIGINT.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.WORKERS_IN_APP === "false" || process.env.WORKERS_IN_APP === "0") return;
  if (!process.env.DATABASE_URL) return;
  const [{ startWorkers, stopWorkers }, { workerJobs }, { onShutdown }] = await Promise.all([
    import("@/lib/jobs/start-workers"),
    import("@/lib/server/worker-jobs"),
    import("@/lib/server/shutdown-hooks"),
  ]);
  await startWorkers(workerJobs);
  onShutdown("job workers", () => stopWorkers());
}
