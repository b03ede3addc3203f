// The HTTP server the launcher (scripts/start.ts) runs as its child: Next.js (`start`, or `dev`
// with Turbopack) behind node:http (lib/server/create-app-server.ts, which hands the app the
// client IP from the socket). On SIGTERM/SIGINT, or when the launcher is gone, it stops in order:
// no new connections, requests in flight finish, job workers finish or release their jobs, exit.
import next from "next";
import { getEnv } from "@/lib/config/env";
import { getLogger } from "@/lib/log/logger";
import { closeAppServer, createAppServer } from "@/lib/server/create-app-server";
import { runShutdownHooks } from "@/lib/server/shutdown-hooks";

const log = getLogger("SYSTEM");
const isDev = process.argv[2] === "dev";
/** Requests in flight get this long after SIGTERM; the workers' stop and PostgreSQL's follow within the 10 s budget. */
const DRAIN_MS = 2_500;
/** Whatever still hangs after this is cut short: the launcher SIGKILLs at 9 s. */
const HARD_EXIT_MS = 8_500;

async function main(): Promise<void> {
  const env = getEnv();
  const hostname = process.env.HOSTNAME ?? "0.0.0.0";
  const app = next({ dev: isDev, hostname, port: env.PORT });
  await app.prepare();
  const server = createAppServer(app.getRequestHandler(), { trustProxy: env.TRUST_PROXY });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, hostname, () => resolve());
  });
  log.info(
    { action: "SERVER_READY", mode: isDev ? "dev" : "start", port: env.PORT, trustProxy: env.TRUST_PROXY },
    `Servidor pronto em http://localhost:${env.PORT}`,
  );

  let isStopping = false;
  const shutdown = async (reason: string) => {
    if (isStopping) return;
    isStopping = true;
    // Armed first: nothing below (not even a log line to a closed pipe) can keep the process up.
    setTimeout(() => {
      try {
        log.error({ action: "SERVER_STOP_TIMEOUT" }, "O servidor não parou a tempo; saindo");
      } finally {
        process.exit(1);
      }
    }, HARD_EXIT_MS).unref();
    log.info({ action: "SERVER_STOPPING", reason }, "Parando o servidor");
    // In dev nothing in flight is worth waiting for (and the browser's HMR socket never ends by itself).
    await closeAppServer(server, isDev ? 0 : DRAIN_MS);
    log.debug({ action: "SERVER_CLOSED" }, "Conexões HTTP encerradas");
    await runShutdownHooks((name, error) =>
      log.error({ action: "SHUTDOWN_HOOK_FAILED", hook: name, err: String(error) }, "Falha ao parar"),
    );
    log.debug({ action: "SHUTDOWN_HOOKS_DONE" }, "Tarefas de parada concluídas");
    await app.close();
    log.info({ action: "SERVER_STOPPED" }, "Servidor parado");
    process.exit(0);
  };
  // SIGHUP: the terminal closed (its whole process group gets it, as with Ctrl-C).
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void shutdown(signal));
  // The launcher talks to this process over IPC: if that channel closes, the launcher died
  // (SIGKILL) and nobody will stop this server any more.
  process.on("disconnect", () => void shutdown("launcher gone"));
}

main().catch((error: unknown) => {
  console.error(`Erro ao iniciar o servidor: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
