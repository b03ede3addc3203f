/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, shutting
 * down, connection lost) rather than "this query is wrong". Such errors are temporary: the API
 * answers 503 with Retry-After and job workers wait for the database instead of failing work.
 *
 * What Prisma 7 with @prisma/adapter-pg throws, tried against a killed embedded PostgreSQL:
 * new connections fail as PrismaClientKnownRequestError P1001 (driver adapter kind
 * DatabaseNotReachable); a query in flight when the server dies rejects with pg's bare
 * `Error: Connection terminated unexpectedly`; a server shutting down or starting up answers
 * 57P01 / 57P03. pg-boss (on pg directly) surfaces pg's errors, sometimes copied into plain objects.
 */
const PRISMA_CODES = new Set([
  "P1001", // can't reach database server
  "P1002", // database server timed out
  "P1008", // operations timed out
  "P1017", // server has closed the connection
  "P2024", // timed out fetching a connection from the pool
]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
/** SQLSTATE class 08 (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections). */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const PG_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
];

function matchesItself(error: Record<string, unknown>): boolean {
  const code =
    typeof error.code === "string" ? error.code : typeof error.errorCode === "string" ? error.errorCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (
    typeof error.kind === "string" &&
    (ADAPTER_KINDS.has(error.kind) ||
      (error.kind === "postgres" && typeof error.code === "string" && SQLSTATE.test(error.code)))
  )
    return true;
  const message = typeof error.message === "string" ? error.message : "";
  return PG_MESSAGES.some((m) => message.includes(m));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (matchesItself(record)) return true;
    // Wrappers keep the driver's error as `cause` (Error, DriverAdapterError) or in Prisma's `meta.driverAdapterError`.
    pending.push(record.cause, (record.meta as Record<string, unknown> | undefined)?.driverAdapterError);
    if (Array.isArray(record.errors)) pending.push(...(record.errors as unknown[])); // AggregateError (a refused dual-stack connect)
  }
  return false;
}
