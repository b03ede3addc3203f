import { OriginalMissingError } from "@/lib/ai/provider/image-for-model";
import { outcomeOfFailedCall } from "@/lib/ai/runs/call-failure";
import type { ItemStep, StepContext, StepOutcome } from "@/lib/ai/runs/item-steps";
import { isErrorCode } from "@/lib/errors/error-codes";
import { getAppSettings } from "@/lib/settings/app-settings";
import type { TextReading } from "./candidates/find-text-candidates";
import { readTextWithModel } from "./model-reading/read-text-with-model";
import { readPhotoCodes, readPhotoText } from "./read-photo-text";
import { writeTextReading, type TextReadingOutcome } from "./write-text-reading";

/** Reads a stored photo's text and barcodes (lib/ai/text/read-photo-text.ts in the app). */
export type PhotoTextReader = (storageKey: string) => Promise<TextReading & { engine: string }>;

/**
 * The "texto" step of a run's photo: read the photo's text and barcodes — the text by the local OCR,
 * or by the vision model when a model run has the ADMIN setting photoTextReader "model" (barcodes
 * always decoded locally) — store them (aiOcrText, aiCodes, aiTextReadAt, aiTextEngine) and,
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
  if (ctx.run.engine === "model" && (await getAppSettings()).photoTextReader === "model") return runModelTextStep(ctx);
  let reading: Awaited<ReturnType<PhotoTextReader>>;
  try {
    reading = await read(ctx.photo.storageKey);
  } catch (error) {
    return failedReading(error);
  }
  const outcome = await writeTextReading(ctx.item.imageId, reading, {
    runId: ctx.run.id,
    onWritten: (tx, written) => ctx.completeStep(tx, { warnings: warningsOf(written), usage: null, attemptsMade: 1 }),
  });
  // The photo went away meanwhile (its item goes with it): nothing to record.
  return outcome ? { kind: "completed" } : { kind: "ok" };
}

/** A reading that threw: a missing original or an OCR error with its code fails the photo; anything else goes to the runner. */
function failedReading(error: unknown): StepOutcome {
  if (error instanceof OriginalMissingError)
    return { kind: "failed", code: "ORIGINAL_MISSING", message: error.message, attemptsMade: 0 };
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && isErrorCode(code))
    return { kind: "failed", code, message: `Leitura do texto da foto falhou: ${error.message}`, attemptsMade: 1 };
  throw error;
}

/**
 * The text read by the vision model (one call a photo, a key of the pool like the vision step's:
 * no key pauses the run, a short wait comes back later, a failed call goes through the run's
 * backoff), the barcodes by the local decoder; stored and turned into candidates as the OCR's are.
 */
async function runModelTextStep(ctx: StepContext): Promise<StepOutcome> {
  const { photo, item, run } = ctx;
  let reading: TextReading & { engine: string };
  let done: Extract<Awaited<ReturnType<typeof readTextWithModel>>, { kind: "ok" }>;
  try {
    const outcome = await readTextWithModel({
      imageId: item.imageId,
      storageKey: photo.storageKey,
      fileName: photo.originalName,
      runId: run.id,
    });
    switch (outcome.kind) {
      case "no_key":
        return { kind: "paused", reason: `Nenhuma chave de IA utilizável: ${outcome.reason}` };
      case "wait":
        return { kind: "retry", notBefore: new Date(Date.now() + outcome.retryInMs), attemptsMade: 0 };
      case "failed":
        return outcomeOfFailedCall(item.attempts, outcome.error);
    }
    done = outcome;
    const codes = await readPhotoCodes(photo.storageKey);
    reading = {
      text: outcome.result.lines.join("\n"),
      // The model gives no per-word confidence; the candidates are read from the text and the codes.
      words: [],
      codes,
      engine: `${outcome.result.model} (modelo de visão) + zxing-wasm 3`,
    };
  } catch (error) {
    return failedReading(error);
  }
  const { result, keyId } = done;
  const written = await writeTextReading(item.imageId, reading, {
    runId: run.id,
    onWritten: (tx, outcome) =>
      ctx.completeStep(tx, {
        warnings: [...result.warnings, ...warningsOf(outcome)],
        usage: {
          keyId,
          model: result.model,
          tokensIn: result.tokensIn,
          tokensOut: result.tokensOut,
          costUsd: result.costUsd,
          durationMs: result.durationMs,
        },
        attemptsMade: 1,
      }),
  });
  return written ? { kind: "completed" } : { kind: "ok" };
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
