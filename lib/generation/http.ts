import "server-only";
import type { Readable } from "node:stream";
import type { z } from "zod";
import { readJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { receiveUrlListUpload } from "@/lib/batches/url-list/receive-url-list-upload";
import { formatBytes } from "@/lib/carteira/parse/errors";
import { getEnv } from "@/lib/config/env";
import { promptOptionsFromEnv } from "./config";
import { createGenerationJob, type GenerationDestination } from "./create-generation-job";
import { parsePromptFile, parsePrompts, PromptFileError, type ParsedPrompt } from "./prompt-file";
import { createGenerationJsonSchema, generationFormSchema, typedPromptsSchema } from "./schemas";

const tooLarge = (maxBytes: number) =>
  new ApiError("PROMPT_FILE_TOO_LARGE", `O arquivo de prompts passa do limite de ${formatBytes(maxBytes)}.`, {
    limit: maxBytes,
  });

/** The file part as UTF-8 text: size bounded while it streams; NUL bytes or invalid UTF-8 mean a binary file, whatever its name. */
export async function readPromptText(file: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      file.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) throw new ApiError("PROMPT_FILE_EMPTY", "O arquivo de prompts está vazio.");
  const binary = () =>
    new ApiError("PROMPT_FILE_BINARY", "O arquivo não é texto (TXT em UTF-8): parece um arquivo binário.");
  if (bytes.includes(0)) throw binary();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw binary();
  }
}

function toApiError(error: unknown): unknown {
  if (error instanceof PromptFileError) return new ApiError(error.code, error.message, error.details);
  return error;
}

type Parsed = {
  prompts: ParsedPrompt[];
  destination: GenerationDestination | null;
  options: { size?: string; model?: string; quality?: string; separateFolders?: boolean };
};

function validation(issues: z.core.$ZodIssue[]): ApiError {
  return new ApiError(
    "VALIDATION_FAILED",
    "Dados inválidos.",
    issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  );
}

/** A multipart `file` (TXT) with form fields, or JSON typed prompts: parsed and checked, nothing stored. */
async function parseRequest(request: Request, requireDestination: boolean): Promise<Parsed> {
  const contentType = request.headers.get("content-type") ?? "";
  try {
    if (contentType.toLowerCase().startsWith("multipart/form-data")) {
      const maxBytes = getEnv().GENERATION_PROMPT_FILE_MAX_BYTES;
      let received;
      try {
        received = await receiveUrlListUpload(request, maxBytes, (file) => readPromptText(file, maxBytes));
      } catch (error) {
        // The shared multipart reader says "list" for its size limit: here it is a prompt file.
        if (error instanceof ApiError && error.code === "URL_LIST_TOO_LARGE") throw tooLarge(maxBytes);
        throw error;
      }
      const form = generationFormSchema.safeParse(received.fields);
      if (!form.success) throw validation(form.error.issues);
      const f = form.data;
      const prompts = parsePromptFile(
        received.result,
        promptOptionsFromEnv({ defaultQuantity: f.quantity, firstNumber: f.firstNumber }),
      );
      const destination: GenerationDestination | null = f.batchId
        ? { batchId: f.batchId }
        : f.batchName
          ? { batch: { name: f.batchName, brandId: f.brandId ?? null, collectionId: f.collectionId ?? null } }
          : null;
      if (requireDestination && !destination)
        throw new ApiError("VALIDATION_FAILED", "Informe o lote de destino (batchId ou batchName).");
      return {
        prompts,
        destination,
        options: { size: f.size, model: f.model, quality: f.quality, separateFolders: f.separateFolders },
      };
    }
    const body = requireDestination
      ? await readJson(request, createGenerationJsonSchema)
      : await readJson(request, typedPromptsSchema);
    const prompts = parsePrompts(
      body.prompts,
      promptOptionsFromEnv({ defaultQuantity: body.quantity, firstNumber: body.firstNumber }),
    );
    const withDestination = body as z.infer<typeof createGenerationJsonSchema>;
    const destination: GenerationDestination | null = withDestination.batchId
      ? { batchId: withDestination.batchId }
      : withDestination.batch
        ? { batch: withDestination.batch }
        : null;
    return {
      prompts,
      destination,
      options: { size: body.size, model: body.model, quality: body.quality, separateFolders: body.separateFolders },
    };
  } catch (error) {
    throw toApiError(error);
  }
}

/** `POST /api/v1/generation/jobs/preview`: the parsed prompts, their quantities and numbers, the total. */
export async function previewGenerationRequest(request: Request) {
  const { prompts } = await parseRequest(request, false);
  return { prompts, total: prompts.reduce((sum, p) => sum + p.quantity, 0) };
}

/** `POST /api/v1/generation/jobs`: a job into a new or existing batch → `{id, total}`. */
export async function createGenerationRequest(actor: SessionUser, request: Request) {
  const { prompts, destination, options } = await parseRequest(request, true);
  return createGenerationJob(actor, { prompts, destination: destination!, ...options });
}
