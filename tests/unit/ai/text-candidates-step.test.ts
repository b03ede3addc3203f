// The "texto" step's outcomes when the reading fails (no database reached): a missing original, an
// OCR error that names its code, anything else left to the runner; and its warnings.
import { describe, expect, it } from "vitest";
import { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import type { StepContext } from "@/lib/ai/runs/item-steps";
import { PhotoTextError } from "@/lib/ai/text/read-photo-text";
import { createTextStep, runTextStep, warningsOf, type PhotoTextReader } from "@/lib/ai/text/text-step";

const ctx = {
  run: { id: "run", engine: "local", fields: ["texto"], overwriteManual: false, createdById: null },
  item: { id: "item", imageId: "image" },
  photo: { storageKey: "originals/x.jpg" },
  isLastStep: true,
  completeStep: async () => {
    throw new Error("not reached");
  },
} as unknown as StepContext;

const failing =
  (error: unknown): PhotoTextReader =>
  async () => {
    throw error;
  };

describe("the texto step", () => {
  it("applies to runs with the texto field only", () => {
    const step = createTextStep(failing(new Error("x")));
    expect(step.name).toBe("texto");
    expect(step.appliesTo(["texto"])).toBe(true);
    expect(step.appliesTo(["descricao", "cor"])).toBe(false);
  });

  it("a missing original fails the photo with ORIGINAL_MISSING, not counted as an attempt", async () => {
    expect(await runTextStep(ctx, failing(new OriginalMissingError("originals/x.jpg")))).toMatchObject({
      kind: "failed",
      code: "ORIGINAL_MISSING",
      attemptsMade: 0,
    });
  });

  it("an OCR error naming a known code fails the photo with it; an unknown error goes to the runner", async () => {
    const timeout = new PhotoTextError("OCR_TIMEOUT", "O OCR da foto demorou mais de 60 s.");
    expect(await runTextStep(ctx, failing(timeout))).toEqual({
      kind: "failed",
      code: "OCR_TIMEOUT",
      message: "Leitura do texto da foto falhou: O OCR da foto demorou mais de 60 s.",
      attemptsMade: 1,
    });
    await expect(runTextStep(ctx, failing(new Error("bug")))).rejects.toThrow("bug");
    await expect(runTextStep(ctx, failing(Object.assign(new Error("x"), { code: "NOPE" })))).rejects.toThrow("x");
    for (const code of ["OCR_MEMORY", "OCR_FAILED"] as const)
      expect(await runTextStep(ctx, failing(new PhotoTextError(code, "x")))).toMatchObject({ kind: "failed", code });
  });

  it("warns of damaged barcodes and of an auto-link", () => {
    expect(
      warningsOf({
        candidates: [],
        damagedCodes: [{ format: "EAN-13", text: "7891234567896" }],
        autoLinked: { productId: "p", sku: "VD25-0150" },
        refreshed: true,
      }),
    ).toEqual([
      "Código de barras ilegível (dígito verificador inválido): EAN-13 7891234567896",
      "Vinculada automaticamente a VD25-0150 (código de barras igual ao EAN).",
    ]);
  });
});
