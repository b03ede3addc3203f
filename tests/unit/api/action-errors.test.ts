import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { Prisma } from "@/lib/db/client";

// A signed-in admin calling from the app's own origin: only what the action throws varies.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ origin: "http://localhost:3000" }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => ({ id: "u1", email: "admin@x", name: null, role: "ADMIN" }),
}));

process.env.NEXTAUTH_URL = "http://localhost:3000";
const { authorizedAction } = await import("@/lib/api/authorized-action");

const throwing = (error: unknown) =>
  authorizedAction("VIEWER", z.object({}), async () => {
    throw error;
  });

describe("authorizedAction error results", () => {
  it("maps a Prisma known error the action let through, like apiHandler does", async () => {
    const unique = new Prisma.PrismaClientKnownRequestError("Unique constraint failed", {
      code: "P2002",
      clientVersion: "7.10.0",
      meta: {
        modelName: "Brand",
        driverAdapterError: new DriverAdapterError({
          kind: "UniqueConstraintViolation",
          constraint: { fields: ["nameKey"] },
        } as never),
      },
    });
    await expect(throwing(unique)({})).resolves.toEqual({
      ok: false,
      code: "CONFLICT",
      message: expect.any(String),
      details: { fields: ["nameKey"] },
    });
    const missing = new Prisma.PrismaClientKnownRequestError("No record found", {
      code: "P2025",
      clientVersion: "7.10.0",
    });
    await expect(throwing(missing)({})).resolves.toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("returns an ApiError's code and details (the reason and its parameters) for the client to render", async () => {
    const conflict = new ApiError("CONFLICT", "O SKU A-1 já existe.", { code: "SKU_TAKEN", sku: "A-1" });
    await expect(throwing(conflict)({})).resolves.toEqual({
      ok: false,
      code: "CONFLICT",
      message: "O SKU A-1 já existe.",
      details: { code: "SKU_TAKEN", sku: "A-1" },
    });
  });

  it("answers INTERNAL for anything else, without its text", async () => {
    await expect(throwing(new Error("connection string postgres://secret"))({})).resolves.toEqual({
      ok: false,
      code: "INTERNAL",
      message: "Erro interno.",
    });
  });
});
