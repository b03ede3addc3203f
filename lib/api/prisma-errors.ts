import { Prisma } from "@/lib/db/client";
import { ApiError } from "./errors";

/** The Prisma known-request errors that are the caller's doing, not a fault of the server. */
export type PrismaErrorKind = "UNIQUE_VIOLATION" | "NOT_FOUND" | "FOREIGN_KEY";

const KIND_BY_CODE: Record<string, PrismaErrorKind> = {
  P2002: "UNIQUE_VIOLATION",
  P2001: "NOT_FOUND", // the record searched for in the where condition does not exist
  P2025: "NOT_FOUND", // a record the operation depends on was not found
  P2003: "FOREIGN_KEY",
};

export function prismaErrorKind(error: unknown): PrismaErrorKind | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  return KIND_BY_CODE[error.code] ?? null;
}

/** Columns of the violated unique constraint: `meta.target` from the query engine, the adapter's `constraint.fields` from Prisma 7's driver adapters. */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] | undefined {
  const meta = (error.meta ?? {}) as {
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } };
  };
  const fields = Array.isArray(meta.target) ? meta.target : meta.driverAdapterError?.cause?.constraint?.fields;
  return Array.isArray(fields) && fields.every((f) => typeof f === "string") ? fields : undefined;
}

/**
 * A Prisma known error as the ApiError the caller sees; null for any other error (a bug or the
 * database being down: the wrapper logs it and answers INTERNAL or SERVICE_UNAVAILABLE). Lib code
 * that can name what went wrong ("SKU já existe") checks `prismaErrorKind` itself and throws its own.
 */
export function apiErrorFromPrisma(error: unknown): ApiError | null {
  switch (prismaErrorKind(error)) {
    case "UNIQUE_VIOLATION": {
      const fields = uniqueFields(error as Prisma.PrismaClientKnownRequestError);
      return new ApiError("CONFLICT", "Já existe um registro com estes dados.", fields ? { fields } : undefined);
    }
    case "NOT_FOUND":
      return new ApiError("NOT_FOUND", "Registro não encontrado.");
    case "FOREIGN_KEY":
      return new ApiError("CONFLICT", "O registro está ligado a outro que não existe ou ainda o usa.");
    default:
      return null;
  }
}
