import "server-only";
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "@/lib/api/errors";
import { feedParser, MAX_FIELD_BYTES } from "../receive-multipart-upload";
import { listTooLarge } from "./parse-url-list";

const MULTIPART_OVERHEAD = 64 * 1024;
/** The form's text fields (batch_name, brandId, collectionId, auto_start, chunk_size) with room to spare. */
const MAX_FIELDS = 20;

const badRequest = (message: string, code?: "FIELD_TOO_LONG" | "TOO_MANY_FIELDS" | "INVALID_FIELD") =>
  new ApiError("BAD_REQUEST", message, code ? { code } : undefined);

/**
 * Reads a multipart URL list upload (busboy, the same body limits as the upload route): the one
 * `file` part is handed to `consume` as a stream while it arrives (nothing buffered whole), the text
 * fields are collected in any order, before or after the file. `maxBytes` bounds the file; the
 * body may only exceed it by the form's overhead (declared or not). A malformed request, a second
 * file or no file at all is a 400 (after `discard` of what was consumed); `consume`'s own error (a
 * list refused) is thrown once the body has been read.
 */
export async function receiveUrlListUpload<T>(
  request: Request,
  maxBytes: number,
  consume: (file: Readable, fileName: string) => Promise<T>,
  /** Undoes a consumed file when the request is refused after all (a temporary file is removed). */
  discard: (result: T) => Promise<void> = async () => {},
): Promise<{ result: T; fileName: string; fields: Record<string, string> }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", 'Envie a lista como multipart/form-data (campo "file").');
  const maxBody = maxBytes + MULTIPART_OVERHEAD;
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBody) throw listTooLarge(maxBytes);
  if (!request.body) throw badRequest('Envie a lista no campo "file".');

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { fieldSize: MAX_FIELD_BYTES, fileSize: maxBytes + 1 },
      defParamCharset: "utf8",
    });
  } catch {
    throw badRequest("Cabeçalho Content-Type multipart/form-data inválido.");
  }

  const fields: Record<string, string> = {};
  let fieldCount = 0;
  let rejection = null as ApiError | null;
  const reject = (error: ApiError) => {
    rejection ??= error;
  };
  let consumed: Promise<{ ok: true; value: T } | { ok: false; error: unknown }> | null = null;
  let fileName = "lista";
  let current: PassThrough | null = null;

  parser.on("field", (name, value, info) => {
    fieldCount += 1;
    if (fieldCount > MAX_FIELDS) return reject(badRequest(`Mais de ${MAX_FIELDS} campos.`, "TOO_MANY_FIELDS"));
    if (info.valueTruncated)
      return reject(badRequest(`O campo ${name} passa de ${MAX_FIELD_BYTES} bytes.`, "FIELD_TOO_LONG"));
    if (value.includes("\u0000")) return reject(badRequest(`O campo ${name} contém o caractere NUL.`, "INVALID_FIELD"));
    fields[name] = value;
  });

  parser.on("file", (name, stream, info) => {
    stream.on("error", () => {});
    if (name !== "file" || consumed || rejection) {
      if (name === "file" && consumed) reject(badRequest('Envie uma só lista (um campo "file").'));
      stream.resume();
      return;
    }
    fileName = (info.filename ?? "lista").slice(0, 200);
    // The consumer may stop early (a limit): the rest of the part is then read and dropped, so the
    // parser never waits on a stream nobody reads.
    const pass = new PassThrough();
    // Its errors reach the consumer through the consumer's own listeners; one arriving after it finished is moot.
    pass.on("error", () => {});
    current = pass;
    stream.on("limit", () => pass.destroy(listTooLarge(maxBytes)));
    stream.on("error", (error) => pass.destroy(error));
    stream.pipe(pass);
    consumed = consume(pass, fileName).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    void consumed.finally(() => {
      stream.unpipe(pass);
      stream.resume();
    });
  });

  let brokenOff = null as ApiError | null;
  const done = new Promise<void>((resolve) => {
    parser.on("close", resolve);
    parser.on("error", (error) => {
      brokenOff ??= badRequest(`Multipart inválido ou envio interrompido: ${(error as Error).message}`);
      current?.destroy(brokenOff);
      resolve();
    });
  });
  void feedParser(request.body, parser, maxBody, () => {
    brokenOff = listTooLarge(maxBytes);
  });
  await done;
  const outcome = consumed ? await (consumed as Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) : null;
  const refusal = brokenOff ?? rejection;
  if (refusal) {
    if (outcome?.ok) await discard(outcome.value);
    throw refusal;
  }
  if (!outcome) throw badRequest('Nenhuma lista enviada (campo "file").');
  if (!outcome.ok) throw outcome.error;
  return { result: outcome.value, fileName, fields };
}
