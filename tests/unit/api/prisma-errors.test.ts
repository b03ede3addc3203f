import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { toErrorResponse } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { apiErrorFromPrisma, prismaErrorKind } from "@/lib/api/prisma-errors";
import { Prisma } from "@/lib/db/client";

/** What Prisma 7 with @prisma/adapter-pg throws (the adapter's cause in meta.driverAdapterError). */
function known(code: string, driverCause?: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError("\nInvalid `prisma.product.create()` invocation: …", {
    code,
    clientVersion: "7.10.0",
    meta: driverCause
      ? { modelName: "Product", driverAdapterError: new DriverAdapterError(driverCause as never) }
      : { modelName: "Product" },
  });
}

describe("apiErrorFromPrisma", () => {
  it.each([
    [
      "unique violation",
      known("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["sku"] } }),
      "UNIQUE_VIOLATION",
      "CONFLICT",
      409,
    ],
    ["record to update not found", known("P2025"), "NOT_FOUND", "NOT_FOUND", 404],
    ["record in where not found", known("P2001"), "NOT_FOUND", "NOT_FOUND", 404],
    [
      "foreign key violation",
      known("P2003", { kind: "ForeignKeyConstraintViolation", constraint: { index: "Image_productId_fkey" } }),
      "FOREIGN_KEY",
      "CONFLICT",
      409,
    ],
  ])("%s → %s, %s %i", (_name, error, kind, code, status) => {
    expect(prismaErrorKind(error)).toBe(kind);
    const mapped = apiErrorFromPrisma(error);
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped?.code).toBe(code);
    expect(mapped?.status).toBe(status);
  });

  it("names the columns of the violated unique constraint", () => {
    const error = known("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] } });
    expect(apiErrorFromPrisma(error)?.details).toEqual({ fields: ["email"] });
  });

  it.each([
    ["an unknown Prisma code", known("P2010")],
    ["the database being down", known("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["a plain error", new Error("boom")],
    ["an object shaped like a Prisma error", { code: "P2002", name: "PrismaClientKnownRequestError" }],
  ])("leaves %s alone", (_name, error) => {
    expect(prismaErrorKind(error)).toBeNull();
    expect(apiErrorFromPrisma(error)).toBeNull();
  });

  it("is what apiHandler answers for a Prisma error a handler let through", async () => {
    const response = toErrorResponse(
      known("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["sku"] } }),
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: "CONFLICT",
      message: expect.any(String),
      details: { fields: ["sku"] },
    });
    expect(toErrorResponse(known("P2025")).status).toBe(404);
  });
});
