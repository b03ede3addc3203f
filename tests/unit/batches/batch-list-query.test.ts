import { describe, expect, it } from "vitest";
import { cloneBatchSchema, deleteBatchQuerySchema, softDeleteBatchSchema } from "@/lib/batches/retention/schemas";
import { batchListQuerySchema } from "@/lib/batches/schemas";

describe("GET /api/v1/batches query (seed 004's filters)", () => {
  it.each([
    [{}, { limit: 50, cursor: undefined, statuses: undefined, includeSoftDeleted: false }],
    [{ limit: "10" }, { limit: 10 }],
    [{ per_page: "20" }, { limit: 20 }],
    [{ limit: "5", per_page: "20" }, { limit: 5 }],
    [{ status: "QUEUED" }, { statuses: ["QUEUED"] }],
    [{ status: "processing, paused" }, { statuses: ["PROCESSING", "PAUSED"] }],
    [{ status: "pending" }, { statuses: ["DRAFT", "UPLOADING"] }],
    [{ status: "failed,completed_with_errors" }, { statuses: ["COMPLETED_WITH_ERRORS"] }],
    [{ status: "cancelled,completed" }, { statuses: ["CANCELLED", "COMPLETED"] }],
    [{ include_soft_deleted: "true" }, { includeSoftDeleted: true }],
    [{ include_soft_deleted: "1" }, { includeSoftDeleted: true }],
    [{ include_soft_deleted: "false" }, { includeSoftDeleted: false }],
  ])("%j → %j", (query, expected) => {
    expect(batchListQuerySchema.parse(query)).toMatchObject(expected);
  });

  it.each([
    { status: "banana" },
    { status: "QUEUED,," + "x" },
    { limit: "0" },
    { limit: "101" },
    { per_page: "1000" },
    { page: "2" },
    { include_soft_deleted: "yes" },
    { cursor: "not-a-uuid" },
  ])("refuses %j", (query) => {
    expect(batchListQuerySchema.safeParse(query).success).toBe(false);
  });
});

describe("lifecycle request bodies", () => {
  it("clone needs new_name; copy_results and auto_start default to false; unknown fields are refused", () => {
    expect(cloneBatchSchema.parse({ new_name: " Novo " })).toEqual({
      new_name: "Novo",
      copy_results: false,
      auto_start: false,
    });
    expect(cloneBatchSchema.safeParse({ new_name: "" }).success).toBe(false);
    expect(cloneBatchSchema.safeParse({ new_name: "x", name: "y" }).success).toBe(false);
  });

  it.each([
    [{}, 30],
    [{ retention_days: 1 }, 1],
    [{ retention_days: 365 }, 365],
  ])("soft delete %j keeps %i days", (body, days) => {
    expect(softDeleteBatchSchema.parse(body).retention_days).toBe(days);
  });

  it.each([0, 366, 2.5, "30"])("soft delete refuses retention_days %j", (retention_days) => {
    expect(softDeleteBatchSchema.safeParse({ retention_days }).success).toBe(false);
  });

  it("force is false unless true/1", () => {
    expect(deleteBatchQuerySchema.parse({}).force).toBe(false);
    expect(deleteBatchQuerySchema.parse({ force: "true" }).force).toBe(true);
    expect(deleteBatchQuerySchema.parse({ force: "0" }).force).toBe(false);
    expect(deleteBatchQuerySchema.safeParse({ force: "sim" }).success).toBe(false);
  });
});
