import { toFile } from "openai";
import { APIError } from "openai/core/error";
import { AiCallError } from "@/lib/ai/errors";
import { classifyError, classifyHttpError } from "./classify-error";
import { openAiClient } from "./client";
import type { ProviderTarget, VisionCallResult, VisionContext } from "./types";
import { visionResultFromCompletion, type CompletionLike } from "./vision-call";
import { preferredMode, visionRequestBody } from "./vision-request";

/**
 * Economy mode: OpenAI's Batch API (half price, results within 24 h). The requests are the same
 * chat completions as a live call, one JSONL line each, and every output line goes through the
 * same reply checks and error kinds.
 */
export type BatchPoll = {
  status: "validating" | "in_progress" | "finalizing" | "completed" | "failed" | "expired" | "cancelling" | "cancelled";
  /** Only once completed (or the partial output of an expired/cancelled batch). */
  results: { customId: string; result?: VisionCallResult; error?: AiCallError }[];
};

/** OpenAI's limits for one batch input file; callers split bigger runs into several batches. */
export const BATCH_MAX_REQUESTS = 50_000;
export const BATCH_MAX_BYTES = 190 * 1024 * 1024;

export async function submitVisionBatch(
  target: ProviderTarget,
  requests: { customId: string; imageDataUrl: string; context: VisionContext }[],
  /** The run the batch belongs to: kept in the batch's metadata, so a batch whose id was never stored is found again. */
  runId: string,
): Promise<{ batchId: string; fileId: string }> {
  if (requests.length === 0) throw new AiCallError("bad_request", "Nenhuma foto para enviar no lote.");
  const mode = preferredMode(target);
  const lines = requests.map((request) =>
    JSON.stringify({
      custom_id: request.customId,
      method: "POST",
      url: "/v1/chat/completions",
      body: visionRequestBody(target, request.imageDataUrl, request.context, mode),
    }),
  );
  const jsonl = Buffer.from(lines.join("\n") + "\n");
  if (requests.length > BATCH_MAX_REQUESTS || jsonl.length > BATCH_MAX_BYTES) {
    throw new AiCallError(
      "bad_request",
      `Lote grande demais para a Batch API (${requests.length} pedidos, ${Math.ceil(jsonl.length / 1048576)} MB); divida em lotes menores.`,
    );
  }
  const client = openAiClient(target);
  try {
    const file = await client.files.create({
      file: await toFile(jsonl, "vitrine-vision-batch.jsonl", { type: "application/jsonl" }),
      purpose: "batch",
    });
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: "/v1/chat/completions",
      completion_window: "24h",
      metadata: { source: BATCH_SOURCE, vitrine_run: runId },
    });
    return { batchId: batch.id, fileId: file.id };
  } catch (error) {
    throw classifyError(error);
  }
}

const BATCH_SOURCE = "vitrine-ai-vision";
/** How far back the provider's batch list is read for a run's batches (newest first). */
const LIST_LIMIT = 500;

/**
 * The run's batches the provider has, with the photos (custom_ids) each carries — read from their
 * input files. For a batch the provider accepted but whose id the process did not store (killed in
 * between): its photos are adopted instead of being sent (and billed) twice.
 */
export async function listRunBatches(
  target: ProviderTarget,
  runId: string,
  knownBatchIds: ReadonlySet<string>,
): Promise<{ batchId: string; customIds: string[] }[]> {
  const client = openAiClient(target);
  try {
    const found: { batchId: string; inputFileId: string }[] = [];
    let seen = 0;
    for await (const batch of client.batches.list({ limit: 100 })) {
      if (++seen > LIST_LIMIT) break;
      const metadata = (batch.metadata ?? {}) as Record<string, string>;
      if (metadata.source !== BATCH_SOURCE || metadata.vitrine_run !== runId || knownBatchIds.has(batch.id)) continue;
      if (batch.status === "failed" || batch.status === "cancelled" || batch.status === "cancelling") continue;
      found.push({ batchId: batch.id, inputFileId: batch.input_file_id });
    }
    const out: { batchId: string; customIds: string[] }[] = [];
    for (const { batchId, inputFileId } of found) {
      const customIds = (await downloadLines(target, inputFileId))
        .map((line) => line.custom_id)
        .filter((id): id is string => typeof id === "string");
      out.push({ batchId, customIds });
    }
    return out;
  } catch (error) {
    throw classifyError(error);
  }
}

type OutputLine = {
  custom_id?: string;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string | null; message?: string | null } | null;
};

function resultOfLine(line: OutputLine, target: ProviderTarget): BatchPoll["results"][number] | null {
  const customId = line.custom_id;
  if (typeof customId !== "string") return null;
  try {
    if (line.error) {
      throw new AiCallError(
        "server",
        `O lote não processou esta foto: ${(line.error.message ?? line.error.code ?? "erro").slice(0, 200)}`,
      );
    }
    const status = line.response?.status_code ?? 0;
    if (status !== 200) throw classifyHttpError(status, line.response?.body);
    const result = visionResultFromCompletion((line.response?.body ?? {}) as CompletionLike, target, {
      durationMs: 0,
      rateLimit: null,
      batch: true,
    });
    return { customId, result };
  } catch (error) {
    return { customId, error: classifyError(error) };
  }
}

async function downloadLines(target: ProviderTarget, fileId: string): Promise<OutputLine[]> {
  const content = await (await openAiClient(target).files.content(fileId)).text();
  return content
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as OutputLine;
      } catch {
        return {};
      }
    });
}

/** The batch's state; once it has output, every line as a checked result or a classified error. */
export async function pollVisionBatch(target: ProviderTarget, batchId: string): Promise<BatchPoll> {
  try {
    const batch = await openAiClient(target).batches.retrieve(batchId);
    const results: BatchPoll["results"] = [];
    const hasOutput = batch.status === "completed" || batch.status === "expired" || batch.status === "cancelled";
    if (hasOutput) {
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        for (const line of await downloadLines(target, fileId)) {
          const result = resultOfLine(line, target);
          if (result) results.push(result);
        }
      }
    }
    return { status: batch.status, results };
  } catch (error) {
    throw classifyError(error);
  }
}

/** Asks the provider to stop a batch: requests it has not run yet are not run (nor billed). */
export async function cancelVisionBatch(target: ProviderTarget, batchId: string): Promise<void> {
  try {
    await openAiClient(target).batches.cancel(batchId);
  } catch (error) {
    throw classifyError(error);
  }
}

const support = new Map<string, boolean>();

/** Whether the server has the Batch API (compatible servers often do not: 404); remembered per base URL. */
export async function batchApiSupported(target: ProviderTarget): Promise<boolean> {
  const key = target.baseUrl ?? "https://api.openai.com/v1";
  const known = support.get(key);
  if (known !== undefined) return known;
  try {
    await openAiClient(target).batches.list({ limit: 1 });
    support.set(key, true);
    return true;
  } catch (error) {
    if (error instanceof APIError && (error.status === 404 || error.status === 405 || error.status === 501)) {
      support.set(key, false);
      return false;
    }
    throw classifyError(error);
  }
}
