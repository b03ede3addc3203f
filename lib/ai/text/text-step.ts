import { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import type { ItemStep, StepContext, StepOutcome } from "@/lib/ai/runs/item-steps";
import { isErrorCode } from "@/lib/errors/error-codes";
import type { TextReading } from "./candidates/find-text-candidates";
import { readPhotoText } from "./read-photo-text";
import { writeTextReading, type TextReadingOutcome } from "./write-text-reading";

/** Reads a stored photo's text and barcodes (lib/ai/text/read-photo-text.ts in the app). */
export type PhotoTextReader = (storageKey: string) => Promise<TextReading & { engine: string }>;

/**
 * The "texto" step of a run's photo, the same for the local engine and the model (the OCR is local,
 * no key): read the photo's text and barcodes, store them (aiOcrText, aiCodes, aiTextReadAt) and,
 * for a photo without a product, refresh its text candidates (and auto-link an exact barcode when
 * an ADMIN turned that on) — recorded done in that same transaction. A missing original fails the
 * photo with ORIGINAL_MISSING (not an attempt); an OCR error that names its code (OCR_TIMEOUT,
 * OCR_MEMORY, OCR_FAILED) fails it with that code and message; anything else goes to the runner
 * (retried like any internal error).
 */
export function createTextStep(read: PhotoTextReader): ItemStep {
  return {
    name: "texto",
    appliesTo: (fields) => fields.includes("texto"),
    run: (ctx) => runTextStep(ctx, read),
  };
}

/** The step of ITEM_STEPS (lib/ai/runs/item-steps.ts): the local OCR + barcode reader. */
export const textStep: ItemStep = createTextStep((storageKey) => readPhotoText(storageKey));

export async function runTextStep(ctx: StepContext, read: PhotoTextReader): Promise<StepOutcome> {
  let reading: Awaited<ReturnType<PhotoTextReader>>;
  try {
    reading = await read(ctx.photo.storageKey);
  } catch (error) {
    if (error instanceof OriginalMissingError)
      return { kind: "failed", code: "ORIGINAL_MISSING", message: error.message, attemptsMade: 0 };
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof Error && isErrorCode(code))
      return { kind: "failed", code, message: `Leitura do texto da foto falhou: ${error.message}`, attemptsMade: 1 };
    throw error;
  }
  const outcome = await writeTextReading(ctx.item.imageId, reading, {
    runId: ctx.run.id,
    onWritten: (tx, written) => ctx.completeStep(tx, { warnings: warningsOf(written), usage: null, attemptsMade: 1 }),
  });
  // The photo went away meanwhile (its item goes with it): nothing to record.
  return outcome ? { kind: "completed" } : { kind: "ok" };
}

/** pt-BR warnings kept on the run item (as the vision step's). */
export function warningsOf(outcome: TextReadingOutcome): string[] {
  const warnings = outcome.damagedCodes.map(
    (c) => `Código de barras ilegível (dígito verificador inválido): ${c.format} ${c.text}`,
  );
  if (outcome.autoLinked)
    warnings.push(`Vinculada automaticamente a ${outcome.autoLinked.sku} (código de barras igual ao EAN).`);
  return warnings;
}
