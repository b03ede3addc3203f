import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { DatabaseError } from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";

/** The shapes Prisma 7 + @prisma/adapter-pg and pg threw when the embedded PostgreSQL was killed, stopped and started again. */
function prismaError(code: string, driverCause: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError("\nInvalid `prisma.user.findFirst()` invocation: …", {
    code,
    clientVersion: "7.10.0",
    meta: { modelName: "User", driverAdapterError: new DriverAdapterError(driverCause as never) },
  });
}
function pgError(code: string, message: string) {
  return Object.assign(new DatabaseError(message, 0, "error"), { code, severity: "FATAL" });
}
function socketError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), {
    code,
    errno: -111,
    syscall: "connect",
    address: "127.0.0.1",
    port: 5432,
  });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    [
      "server gone: new connection refused (P1001)",
      prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }),
    ],
    ["query in flight when the server died", new Error("Connection terminated unexpectedly")],
    [
      "server stopping, query in flight (57P01)",
      prismaError("P2010", {
        kind: "postgres",
        code: "57P01",
        severity: "FATAL",
        message: "terminating connection due to administrator command",
      }),
    ],
    [
      "server shutting down (57P03)",
      prismaError("P2039", {
        kind: "postgres",
        code: "57P03",
        severity: "FATAL",
        message: "the database system is shutting down",
      }),
    ],
    ["server starting up (57P03, from pg)", pgError("57P03", "the database system is starting up")],
    ["connection reset (adapter)", prismaError("P1017", { kind: "ConnectionClosed" })],
    [
      "pool timeout (P2024)",
      new Prisma.PrismaClientKnownRequestError("Timed out fetching a new connection", {
        code: "P2024",
        clientVersion: "7.10.0",
      }),
    ],
    [
      "initialisation failed",
      new Prisma.PrismaClientInitializationError("Can't reach database server", "7.10.0", "P1001"),
    ],
    [
      "pg-boss: refused, copied into a plain object",
      { ...socketError("ECONNREFUSED"), message: "connect ECONNREFUSED 127.0.0.1:5432 (Queue: image.process)" },
    ],
    [
      "pg: postmaster died under a backend",
      pgError("57P02", "terminating connection due to unexpected postmaster exit"),
    ],
    ["wrapped as a cause", new Error("Falha ao processar", { cause: socketError("ECONNRESET") })],
    [
      "dual-stack connect refused twice",
      new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")]),
    ],
  ])("%s → unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      "unique violation",
      prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } }),
    ],
    ["syntax error in SQL", pgError("42601", 'syntax error at or near "SELEC"')],
    [
      "bad input value",
      prismaError("P2010", { kind: "postgres", code: "22021", severity: "ERROR", message: "invalid byte sequence" }),
    ],
    [
      "record not found",
      new Prisma.PrismaClientKnownRequestError("No record found", { code: "P2025", clientVersion: "7.10.0" }),
    ],
    ["a file not found", Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" })],
    ["not an error", "Connection terminated unexpectedly?"],
    ["nothing", undefined],
  ])("%s → not unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("survives a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
