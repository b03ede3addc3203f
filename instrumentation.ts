// Runs once when the Next.js server starts: in-process job workers (WORKERS_IN_APP, on by default).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.WORKERS_IN_APP === "false" || process.env.WORKERS_IN_APP === "0") return;
  if (!process.env.DATABASE_URL) return;
  const { startWorkers } = await import("@/lib/jobs/start-workers");
  await startWorkers();
}
