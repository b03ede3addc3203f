import crypto from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "@/lib/api/errors";
import { clientUploadIdSchema } from "./schemas";
import { ingestUpload, type UploadResult, type UploadTarget } from "./ingest-upload";

const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Streams a multipart request (busboy) file by file into `ingestUpload`: nothing is buffered
 * whole. Fields `uploadId` and `path` (or `paths`) apply to the next file part.
 */
export async function receiveMultipartUpload(request: Request, batch: UploadTarget, maxBytes: number): Promise<{ results: UploadResult[]; errors: ApiError[] }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Envie os arquivos como multipart/form-data.");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes * 100 + MULTIPART_OVERHEAD) {
    throw new ApiError("PAYLOAD_TOO_LARGE", `Requisição grande demais (limite de ${Math.round(maxBytes / 1024 / 1024)} MB por arquivo).`);
  }
  if (!request.body) throw new ApiError("BAD_REQUEST", "Requisição sem corpo.");

  const parser = busboy({
    headers: { "content-type": contentType },
    limits: { files: 100, fields: 300, fieldSize: 4096, fileSize: maxBytes + 1 },
    defParamCharset: "utf8",
  });
  const results: UploadResult[] = [];
  const errors: ApiError[] = [];
  let pending = { uploadId: undefined as string | undefined, path: undefined as string | undefined };
  let chain: Promise<void> = Promise.resolve();
  let fileCount = 0;

  parser.on("field", (name, value) => {
    if (name === "uploadId") pending.uploadId = value;
    if (name === "path" || name === "paths") pending.path = value;
  });
  parser.on("file", (_field, stream, info) => {
    fileCount += 1;
    // A broken request destroys this stream, maybe before its turn in the chain: the error is read there.
    stream.on("error", () => {});
    const meta = pending;
    pending = { uploadId: undefined, path: undefined };
    const fileName = info.filename ?? "sem-nome";
    chain = chain.then(async () => {
      const parsedId = clientUploadIdSchema.safeParse(meta.uploadId ?? crypto.randomUUID());
      const uploadId = parsedId.success ? parsedId.data : crypto.randomUUID();
      try {
        results.push(await ingestUpload({ batch, uploadId, fileName, relativePath: meta.path ?? fileName, body: stream, maxBytes }));
      } catch (error) {
        stream.resume();
        const apiError = error instanceof ApiError ? error : new ApiError("INTERNAL", "Falha ao armazenar o arquivo.");
        errors.push(apiError);
        const code = (apiError.details as { code?: string } | undefined)?.code ?? apiError.code;
        results.push({ uploadId, name: fileName, relativePath: meta.path ?? null, status: "rejected", error: { code, message: apiError.message } });
      }
    });
  });

  let failure: ApiError | null = null;
  const done = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error) => {
      failure = new ApiError("BAD_REQUEST", `Multipart inválido ou envio interrompido: ${(error as Error).message}`);
      resolve();
    });
  });
  void feedParser(request.body, parser);
  await done;
  // Files that arrived whole before a failure are still stored (a retry finds them "already_uploaded").
  await chain;
  if (failure) throw failure;
  if (fileCount === 0) throw new ApiError("BAD_REQUEST", "Nenhum arquivo enviado (campo `file`).");
  return { results, errors };
}

/** Request body → parser, chunk by chunk with backpressure (no intermediate Node stream: one hop fewer per chunk). */
async function feedParser(body: ReadableStream<Uint8Array>, parser: Writable): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!parser.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) await once(parser, "drain");
    }
    parser.end();
  } catch (error) {
    // A broken connection or a parser that already failed: the parser's error/close settles the request.
    await reader.cancel().catch(() => {});
    parser.destroy(error as Error);
  }
}
