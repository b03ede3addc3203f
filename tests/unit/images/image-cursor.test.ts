import { describe, expect, it } from "vitest";
import { aiStatusOf } from "@/lib/images/ai-status";
import { decodeImageCursor, encodeImageCursor, type ImageCursor } from "@/lib/images/image-cursor";

const ID = "019a0000-0000-7000-8000-000000000001";

describe("image cursors", () => {
  it.each<ImageCursor>([
    { sort: "arrival", id: ID },
    { sort: "recent", id: ID },
    { sort: "sku", skuBase: "VD26-0001", sequence: "01", id: ID },
    { sort: "sku", skuBase: null, sequence: null, id: ID },
    { sort: "name", originalName: "Calça ção.jpg", id: ID },
  ])("round-trips %j", (cursor) => {
    const raw = encodeImageCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeImageCursor(raw, cursor.sort)).toEqual(cursor);
  });

  it("refuses a cursor of another sort and anything it did not write, as VALIDATION_FAILED", () => {
    const name = encodeImageCursor({ sort: "name", originalName: "a", id: ID });
    const attempts: [string, Parameters<typeof decodeImageCursor>[1]][] = [
      [name, "sku"],
      [name, "arrival"],
      [ID, "arrival"],
      ["", "arrival"],
      ["!!!", "recent"],
      [Buffer.from('["recent","not-a-uuid"]').toString("base64url"), "recent"],
      [Buffer.from('{"sort":"recent"}').toString("base64url"), "recent"],
    ];
    for (const [raw, sort] of attempts)
      expect(() => decodeImageCursor(raw, sort), raw).toThrow(expect.objectContaining({ code: "VALIDATION_FAILED" }));
  });
});

describe("AI status", () => {
  const base = { aiError: null, aiAnalyzedAt: null, status: "PENDENTE" as const };
  it.each([
    [base, "NONE"],
    [{ ...base, status: "PENDENTE_ANALISE_IA" as const }, "QUEUED"],
    [{ ...base, aiAnalyzedAt: new Date() }, "ANALYZED"],
    [{ ...base, aiAnalyzedAt: new Date(), status: "PENDENTE_ANALISE_IA" as const }, "QUEUED"],
    [{ ...base, aiError: "timeout", status: "PENDENTE_ANALISE_IA" as const }, "FAILED"],
  ])("%j → %s", (image, expected) => {
    expect(aiStatusOf(image)).toBe(expected);
  });
});
