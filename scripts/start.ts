// Launcher for `npm run dev` / `npm start`: validates the environment, starts the embedded
// PostgreSQL when DATABASE_URL is unset, applies migrations, creates the first admin, then runs
// the HTTP server (scripts/server.ts: Next.js behind node:http) as a child process. It keeps the
// embedded PostgreSQL up while the app runs (restarted with backoff if it dies; after the last
// attempt everything stops with a non-zero exit, for a supervisor to restart), and on
// SIGTERM/SIGINT stops the server first (requests and jobs finish) and PostgreSQL last.
import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { ensureDataDir, loadOrCreateLocalSecrets } from "@/lib/db/data-dir";
import { leaveShutdownSignalsToCaller } from "@/lib/db/embedded-postgres";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { superviseEmbeddedPostgres } from "@/lib/db/supervise-embedded-postgres";
import { getLogger } from "@/lib/log/logger";
import { ensureInitialAdmin } from "@/lib/users/ensure-initial-admin";

const log = getLogger("SYSTEM");
const mode = process.argv[2] === "dev" ? "dev" : "start";
/** The server stops itself within 8.5 s of SIGTERM; past this it is killed, so PostgreSQL still stops inside the 10 s. */
const SERVER_KILL_AFTER_MS = 9_000;
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

leaveShutdownSignalsToCaller();
// A signal during start-up is honoured once the step under way ends (PostgreSQL is then stopped, not orphaned).
let requestedStop: NodeJS.Signals | null = null;
const onSignalBeforeServer = (signal: NodeJS.Signals) => (requestedStop = signal);
for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignalBeforeServer);

async function main(): Promise<number> {
  const env = getEnv();
  ensureDataDir(env.dataDir);
  const secrets = loadOrCreateLocalSecrets(env.dataDir);
  const { url, embedded } = await prepareDatabase(env);
  process.env.DATABASE_URL = url;

  try {
    const admin = await ensureInitialAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    if (admin.created && admin.generatedPassword) {
      // Printed once, on purpose, to the console only (never to the structured log).
      console.log(
        `\n  Administrador criado: ${admin.email}\n  Senha gerada (anote agora, não será exibida de novo): ${admin.generatedPassword}\n`,
      );
    } else if (admin.created) {
      log.info({ action: "ADMIN_CREATED", email: admin.email }, "Administrador inicial criado");
    }
    // The launcher runs no more queries: no idle connections to lose when PostgreSQL restarts.
    await getPrisma().$disconnect();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  if (requestedStop) {
    await embedded?.stop();
    return 0;
  }

  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "server.ts"), mode], {
    // The IPC channel tells the server when the launcher is gone (it then stops by itself).
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: process.env.NODE_ENV ?? (mode === "dev" ? "development" : "production"),
      DATABASE_URL: url,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.authSecret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
      ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets.encryptionKey,
      VITRINE_DATA_DIR: env.dataDir,
      // libvips decodes on several threads; glibc's per-thread arenas otherwise inflate RSS (sharp's advice).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
    },
  });
  log.info(
    { action: "APP_START", mode, port: env.PORT, database: embedded ? "embedded" : "external" },
    `Vitrine em http://localhost:${env.PORT}`,
  );

  let isStopping = false;
  let exitCode = 0;
  const stopServer = (code: number, signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    exitCode = code;
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), SERVER_KILL_AFTER_MS).unref();
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.off(signal, onSignalBeforeServer);
    process.on(signal, () => stopServer(0, signal === "SIGHUP" ? "SIGTERM" : signal));
  }
  if (embedded) {
    superviseEmbeddedPostgres(embedded, {
      isStopping: () => isStopping,
      onGiveUp: (reason) => {
        log.fatal({ action: "EMBEDDED_PG_GAVE_UP", reason }, `Parando o Vitrine: ${reason}`);
        stopServer(1, "SIGTERM");
      },
    });
  }

  const childExit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  if (!isStopping) {
    // The server ended by itself (failed to start, crashed): the launcher ends with it.
    isStopping = true;
    exitCode = childExit.code ?? 1;
  } else if (childExit.code !== 0) {
    // It had to be killed, or gave up on its own stop: not a clean shutdown.
    exitCode = 1;
  }
  await embedded?.stop();
  log.info({ action: "APP_STOP", code: exitCode }, "Vitrine parado");
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nErro ao iniciar o Vitrine: ${message}\n`);
    process.exit(1);
  },
);
