// Launcher for `npm run dev` / `npm start`: validates the environment, starts the embedded
// PostgreSQL when DATABASE_URL is unset, applies migrations, creates the first admin, then runs
// Next.js as a child process and stops the database when it exits.
import { spawn } from "node:child_process";
import path from "node:path";
import { ConfigError, getEnv } from "@/lib/config/env";
import { ensureDataDir, loadOrCreateLocalSecrets } from "@/lib/db/data-dir";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { getLogger } from "@/lib/log/logger";
import { ensureInitialAdmin } from "@/lib/users/ensure-initial-admin";

const log = getLogger("SYSTEM");
const mode = process.argv[2] === "dev" ? "dev" : "start";

async function main(): Promise<number> {
  const env = getEnv();
  ensureDataDir(env.dataDir);
  const secrets = loadOrCreateLocalSecrets(env.dataDir);
  const { url, embedded } = await prepareDatabase(env);
  process.env.DATABASE_URL = url;

  const admin = await ensureInitialAdmin({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    // Printed once, on purpose, to the console only (never to the structured log).
    console.log(`\n  Administrador criado: ${admin.email}\n  Senha gerada (anote agora, não será exibida de novo): ${admin.generatedPassword}\n`);
  } else if (admin.created) {
    log.info({ action: "ADMIN_CREATED", email: admin.email }, "Administrador inicial criado");
  }

  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(env.PORT), "-H", process.env.HOSTNAME ?? "0.0.0.0"], {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: url,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? secrets.authSecret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
      ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? secrets.encryptionKey,
      VITRINE_DATA_DIR: env.dataDir,
      // libvips decodes on several threads; glibc's per-thread arenas otherwise inflate RSS (sharp's advice).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
    },
  });
  log.info({ action: "APP_START", mode, port: env.PORT, database: embedded ? "embedded" : "external" }, `Vitrine em http://localhost:${env.PORT}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  const code = await new Promise<number>((resolve) => child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 0 : 1))));
  await embedded?.stop();
  log.info({ action: "APP_STOP", code }, "Vitrine parado");
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    console.error(`\nErro ao iniciar o Vitrine: ${message}\n`);
    process.exit(1);
  },
);
