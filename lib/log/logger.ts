import pino from "pino";
import pinoPretty from "pino-pretty";

/**
 * Structured logger with the seed's fields: ms timestamp, level, module (AUTH, BATCH, UPLOAD,
 * CARTEIRA, CATALOG, CRUD, DASHBOARD, SYSTEM, …), action and key=value context.
 * Pretty in development, JSON in production. Secret-looking keys are redacted wherever they appear.
 */
export type LogModule =
  | "AUTH"
  | "BATCH"
  | "UPLOAD"
  | "CARTEIRA"
  | "CATALOG"
  | "CRUD"
  | "DASHBOARD"
  | "SYSTEM"
  | "DB"
  | "JOBS"
  | "STORAGE"
  | "AI"
  | "API"
  | "EXPORT"
  | "GENERATION";

const REDACTED_KEYS = [
  "password",
  "passwordHash",
  "token",
  "secret",
  "apiKey",
  "authorization",
  "cookie",
  "encryptedKey",
  "DATABASE_URL",
  "connectionString",
];

function createRootLogger() {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info");
  const format = process.env.LOG_FORMAT ?? (process.env.NODE_ENV === "production" ? "json" : "pretty");
  const redact = { paths: REDACTED_KEYS.flatMap((k) => [k, `*.${k}`]), censor: "[redacted]" };
  if (format === "pretty") {
    // Synchronous pretty stream: no worker thread, which bundlers and short scripts handle badly.
    return pino(
      { level, redact, timestamp: pino.stdTimeFunctions.isoTime },
      pinoPretty({
        colorize: process.stdout.isTTY,
        translateTime: "SYS:yyyy-mm-dd HH:MM:ss.l",
        ignore: "pid,hostname,module,action",
        singleLine: true,
        messageFormat: "[{module}] [{action}] {msg}",
        sync: true,
      }),
    );
  }
  return pino({ level, redact, timestamp: pino.stdTimeFunctions.isoTime, base: undefined });
}

const globalForLogger = globalThis as unknown as { vitrineLogger?: pino.Logger };
const root = (globalForLogger.vitrineLogger ??= createRootLogger());

export type Logger = pino.Logger;

export function getLogger(module: LogModule): Logger {
  return root.child({ module });
}

/** Logs one action with key=value context: `log(logger, "info", "LOGIN_OK", "Login", { userId })`. */
export function logAction(
  logger: Logger,
  level: "info" | "warn" | "error" | "debug",
  action: string,
  message: string,
  context: Record<string, unknown> = {},
): void {
  logger[level]({ action, ...context }, message);
}
