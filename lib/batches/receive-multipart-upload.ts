import crypto from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "@/lib/api/errors";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { sanitizeFileName, sanitizeRelativePath } from "@/lib/images/sanitize-upload-name";
import { clientUploadIdSchema } from "./schemas";
import {
  discardStoredUpload,
  recordStoredUpload,
  storeUploadBlob,
  type StoredBlob,
  type UploadResult,
  type UploadTarget,
} from "./ingest-upload";
import { recordUploadRefusal } from "./record-upload-refusal";

const MULTIPART_OVERHEAD = 64 * 1024;
/** Files taken from one request; the ones after it get a TOO_MANY_FILES result (their bytes are read and dropped). */
export const MAX_FILES_PER_REQUEST = 100;
/** Text fields per request (an `uploadId` and a `path` per file, with room to spare); more is a 400. */
export const MAX_FIELDS_PER_REQUEST = 1000;
/** Longest field value; a longer one is a 400, never cut short. */
export const MAX_FIELD_BYTES = 4096;

/** Per file part, in order: its blob waiting to be recorded, or why it was not taken. */
type Outcome = { stored: StoredBlob } | { failed: UploadResult & { status: "rejected" }; error: ApiError };

const badRequest = (code: ErrorCode, message: string) => new ApiError("BAD_REQUEST", message, { code });

/**
 * Streams a multipart request (busboy) file by file into blob storage: nothing is buffered whole.
 *
 * The contract for names and paths (docs/openapi.json):
 * - `uploadId` and `path` fields apply to the next file part (the browser client sends
 *   `uploadId`, `path`, `file` per file);
 * - or `paths` fields, all before the first file part, taken in order: the k-th value is the k-th
 *   file's path (what `curl -F` and most clients send for an array). Their count must equal the
 *   number of file parts, and `path` and `paths` are not mixed;
 * - without either, a folder in the part's filename (`VD25-0101/03.jpg`) is the relative path.
 *
 * Files are streamed to storage as they arrive, but recorded (rows, jobs) only once the whole
 * request has been read and its fields checked out: a malformed request (count mismatch, a
 * `paths` after a file, a field too long, too many fields, NUL in a field, a body over the limit)
 * is a 400/413 that records nothing, and the blobs it already wrote are removed. A file refused
 * for its own content (not an image, empty, too large) is recorded as a refusal of the batch
 * (`recordUploadRefusal`), with no blob and no image. A request that
 * breaks off keeps the files that arrived whole (a retry finds them "already_uploaded").
 */
export async function receiveMultipartUpload(
  request: Request,
  batch: UploadTarget,
  maxBytes: number,
): Promise<{ results: UploadResult[]; errors: ApiError[] }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Envie os arquivos como multipart/form-data.");
  const maxBody = maxBytes * MAX_FILES_PER_REQUEST + MULTIPART_OVERHEAD;
  const tooLarge = () =>
    new ApiError(
      "PAYLOAD_TOO_LARGE",
      `Requisição grande demais (limite de ${Math.round(maxBytes / 1024 / 1024)} MB por arquivo, ${MAX_FILES_PER_REQUEST} arquivos).`,
    );
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBody) throw tooLarge();
  if (!request.body) throw new ApiError("BAD_REQUEST", "Requisição sem corpo.");

  let parser: busboy.Busboy;
  try {
    // No `files`/`fields` limits in busboy: it drops what is over them silently; they are counted below.
    parser = busboy({
      headers: { "content-type": contentType },
      preservePath: true,
      limits: { fieldSize: MAX_FIELD_BYTES, fileSize: maxBytes + 1 },
      defParamCharset: "utf8",
    });
  } catch (error) {
    const message = /boundary/i.test((error as Error).message)
      ? "Cabeçalho Content-Type multipart/form-data sem o parâmetro boundary."
      : "Cabeçalho Content-Type multipart/form-data inválido.";
    throw new ApiError("BAD_REQUEST", message);
  }

  const outcomes: Outcome[] = [];
  let chain: Promise<void> = Promise.resolve();
  let fileCount = 0;
  let fieldCount = 0;
  let pending: { uploadId?: string; path?: string } = {};
  let paths = null as string[] | null;
  let hasPathField = false;
  /** A malformed request: nothing of it is recorded. */
  let rejection = null as ApiError | null;
  const reject = (error: ApiError) => {
    rejection ??= error;
  };

  parser.on("field", (name, value, info) => {
    fieldCount += 1;
    if (rejection) return;
    if (fieldCount > MAX_FIELDS_PER_REQUEST)
      return reject(badRequest("TOO_MANY_FIELDS", `Mais de ${MAX_FIELDS_PER_REQUEST} campos numa requisição.`));
    if (name !== "uploadId" && name !== "path" && name !== "paths") return;
    if (info.valueTruncated)
      return reject(badRequest("FIELD_TOO_LONG", `O campo ${name} passa de ${MAX_FIELD_BYTES} bytes.`));
    if (value.includes("\u0000")) return reject(badRequest("INVALID_FIELD", `O campo ${name} contém o caractere NUL.`));
    if (name === "uploadId") {
      if (!clientUploadIdSchema.safeParse(value).success)
        return reject(badRequest("INVALID_UPLOAD_ID", "uploadId inválido (use até 128 letras, dígitos, _ ou -)."));
      if (pending.uploadId !== undefined)
        return reject(badRequest("INVALID_FIELD", "Dois campos uploadId seguidos sem um arquivo entre eles."));
      pending.uploadId = value;
    } else if (name === "path") {
      if (paths)
        return reject(
          badRequest(
            "MIXED_PATH_FIELDS",
            "Use `path` (antes de cada arquivo) ou `paths` (todos antes dos arquivos), não os dois.",
          ),
        );
      if (pending.path !== undefined)
        return reject(badRequest("INVALID_FIELD", "Dois campos path seguidos sem um arquivo entre eles."));
      hasPathField = true;
      pending.path = value;
    } else {
      if (hasPathField)
        return reject(
          badRequest(
            "MIXED_PATH_FIELDS",
            "Use `path` (antes de cada arquivo) ou `paths` (todos antes dos arquivos), não os dois.",
          ),
        );
      if (fileCount > 0)
        return reject(badRequest("PATHS_AFTER_FILES", "Envie todos os campos `paths` antes do primeiro arquivo."));
      (paths ??= []).push(value);
    }
  });

  parser.on("file", (_field, stream, info) => {
    const index = fileCount;
    fileCount += 1;
    // A broken request destroys this stream, maybe before its turn in the chain: the error is read there.
    stream.on("error", () => {});
    const meta = pending;
    pending = {};
    if (paths && index >= paths.length)
      reject(badRequest("PATHS_COUNT_MISMATCH", `Há mais arquivos que valores em \`paths\` (${paths.length}).`));
    if (rejection) {
      stream.resume();
      return;
    }
    const fileName = info.filename ?? "sem-nome";
    // With preservePath, busboy keeps a folder in the filename; `path`/`paths` win over it.
    const relativePath = paths ? paths[index]! : (meta.path ?? fileName);
    const uploadId = meta.uploadId ?? crypto.randomUUID();
    if (index >= MAX_FILES_PER_REQUEST) {
      stream.resume();
      const error = new ApiError(
        "PAYLOAD_TOO_LARGE",
        `Limite de ${MAX_FILES_PER_REQUEST} arquivos por requisição: este arquivo não foi recebido; envie-o em outra requisição.`,
        { code: "TOO_MANY_FILES" },
      );
      chain = chain.then(
        () => void outcomes.push({ failed: rejectedResult(uploadId, fileName, relativePath, error), error }),
      );
      return;
    }
    chain = chain.then(async () => {
      if (rejection) {
        stream.resume();
        return;
      }
      try {
        outcomes.push({
          stored: await storeUploadBlob({ batch, uploadId, fileName, relativePath, body: stream, maxBytes }),
        });
      } catch (error) {
        stream.resume();
        const apiError = error instanceof ApiError ? error : new ApiError("INTERNAL", "Falha ao armazenar o arquivo.");
        outcomes.push({ failed: rejectedResult(uploadId, fileName, relativePath, apiError), error: apiError });
      }
    });
  });

  let brokenOff = null as ApiError | null;
  const done = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error) => {
      brokenOff = new ApiError("BAD_REQUEST", `Multipart inválido ou envio interrompido: ${(error as Error).message}`);
      resolve();
    });
  });
  void feedParser(request.body, parser, maxBody, () => reject(tooLarge()));
  await done;
  await chain;
  if (!brokenOff && paths && fileCount < paths.length)
    reject(badRequest("PATHS_COUNT_MISMATCH", `Há ${paths.length} valores em \`paths\` e ${fileCount} arquivo(s).`));
  if (rejection) {
    for (const outcome of outcomes) if ("stored" in outcome) await discardStoredUpload(outcome.stored);
    throw rejection;
  }
  // Files that arrived whole before a break are still recorded (a retry finds them "already_uploaded").
  const results: UploadResult[] = [];
  const errors: ApiError[] = [];
  for (const outcome of outcomes) {
    if ("failed" in outcome) {
      // A refused file (not an image, empty, too large) stays on the batch with its reason.
      await recordUploadRefusal(batch.id, outcome.failed, outcome.error);
      results.push(outcome.failed);
      errors.push(outcome.error);
      continue;
    }
    try {
      results.push(await recordStoredUpload(batch, outcome.stored));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError("INTERNAL", "Falha ao registrar o arquivo.");
      results.push(
        rejectedResult(
          outcome.stored.base.uploadId,
          outcome.stored.base.name,
          outcome.stored.base.relativePath,
          apiError,
        ),
      );
      errors.push(apiError);
    }
  }
  if (brokenOff) throw brokenOff;
  if (fileCount === 0) throw new ApiError("BAD_REQUEST", "Nenhum arquivo enviado (campo `file`).");
  return { results, errors };
}

/** A file not taken, named as a stored one would be (sanitised base name and relative path). */
function rejectedResult(
  uploadId: string,
  fileName: string,
  rawPath: string | null,
  error: ApiError,
): UploadResult & { status: "rejected" } {
  const code = (error.details as { code?: string } | undefined)?.code ?? error.code;
  const relativePath = sanitizeRelativePath(rawPath ?? fileName);
  return {
    uploadId,
    name: sanitizeFileName(relativePath ?? fileName),
    relativePath,
    status: "rejected",
    error: { code, message: error.message },
  };
}

/**
 * Request body → parser, chunk by chunk with backpressure (no intermediate Node stream: one hop
 * fewer per chunk). A body over `maxBody` (declared or not) stops being read: `onTooLarge`.
 */
export async function feedParser(
  body: ReadableStream<Uint8Array>,
  parser: Writable,
  maxBody: number,
  onTooLarge: () => void,
): Promise<void> {
  const reader = body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBody) {
        onTooLarge();
        throw new Error("corpo da requisição acima do limite");
      }
      if (!parser.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) await once(parser, "drain");
    }
    parser.end();
  } catch (error) {
    // A broken connection or a parser that already failed: the parser's error/close settles the request.
    await reader.cancel().catch(() => {});
    parser.destroy(error as Error);
  }
}
