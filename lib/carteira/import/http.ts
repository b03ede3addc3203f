import "server-only";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { assertNoNul } from "@/lib/http/nul-bytes";
import { CarteiraParseError, DEFAULT_LIMITS, isCarteiraErrorCode, isCarteiraParseError } from "@/lib/carteira/parse";
import { formatBytes } from "@/lib/carteira/parse/errors";
import { importFormSchema, type ImportForm } from "./schemas";
import type { ImportSummary } from "./types";

/** Multipart overhead allowed on top of the file itself. */
const FORM_OVERHEAD_BYTES = 1024 * 1024;

function tooLarge(): CarteiraParseError {
  const limit = DEFAULT_LIMITS.maxFileBytes;
  return new CarteiraParseError("SPREADSHEET_TOO_LARGE", `O arquivo passa do limite de ${formatBytes(limit)}.`, {
    limit,
  });
}

/** Counts bytes as they arrive and aborts past `limit` (Content-Length may be absent or wrong). */
function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

export interface CarteiraUpload {
  bytes: Uint8Array;
  fileName: string;
  form: ImportForm;
}

/**
 * Reads a multipart carteira upload (`file` + optional `sheets`, `mapping`, `brandId`,
 * `collectionId`). A carteira is at most 50 MB, so buffering it after a size cap is acceptable.
 */
export async function readCarteiraUpload(request: Request): Promise<CarteiraUpload> {
  const limit = DEFAULT_LIMITS.maxFileBytes + FORM_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", 'Envie o arquivo como multipart/form-data (campo "file").');
  }
  if (!request.body) throw new ApiError("BAD_REQUEST", 'Envie a planilha no campo "file".');
  let formData: FormData;
  try {
    const counted = new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body: capped(request.body, limit),
      duplex: "half",
    } as RequestInit);
    formData = await counted.formData();
  } catch (error) {
    if (error instanceof CarteiraParseError) throw error;
    if (error instanceof Error && error.cause instanceof CarteiraParseError) throw error.cause;
    throw new ApiError("BAD_REQUEST", "Não foi possível ler o formulário enviado.");
  }
  const file = formData.get("file");
  if (!file || typeof file === "string") throw new ApiError("BAD_REQUEST", 'Envie a planilha no campo "file".');
  if (file.size > DEFAULT_LIMITS.maxFileBytes) throw tooLarge();
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const fields = {
    sheets: text("sheets"),
    mapping: text("mapping"),
    brandId: text("brandId"),
    collectionId: text("collectionId"),
  };
  assertNoNul(fields);
  const parsed = importFormSchema.safeParse(fields);
  if (!parsed.success) {
    throw new ApiError(
      "VALIDATION_FAILED",
      "Dados inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || "carteira", form: parsed.data };
}

/** A whole-file parse error as the API answers it (status from the shared code list); anything else is rethrown for apiHandler. */
export function parseErrorResponse(error: unknown): Response {
  if (isCarteiraParseError(error)) return errorResponse(new ApiError(error.code, error.message, error.details));
  throw error;
}

/** A sync import that was refused: the file's own error code (4xx), or 422 IMPORT_FAILED for row errors. */
export function failedImportResponse(summary: ImportSummary): Response {
  const code = summary.errorCode;
  if (isCarteiraErrorCode(code)) return errorResponse(new ApiError(code, summary.failureReason ?? "", { ...summary }));
  return errorResponse(
    new ApiError("IMPORT_FAILED", summary.failureReason ?? "A importação falhou; nada foi gravado.", { ...summary }),
  );
}
