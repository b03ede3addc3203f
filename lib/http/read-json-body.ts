import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";

function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

const tooLarge = (maxBytes: number) =>
  new ApiError("PAYLOAD_TOO_LARGE", `Corpo da requisição acima do limite de ${formatLimit(maxBytes)}.`);

/**
 * Reads a request body of at most `maxBytes`: a larger Content-Length is refused before reading,
 * and the stream is counted and cancelled as soon as it passes the limit (a missing or lying
 * Content-Length changes nothing), so an oversized body is never held in memory.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      throw new ApiError("BAD_REQUEST", "A requisição foi interrompida antes do fim do corpo.");
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(result.value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The one way to read a JSON body: bounded (JSON_BODY_MAX_BYTES, 1 MiB by default; a route that
 * needs more passes `maxBytes`), then parsed. Call it before any authentication or database work
 * the body does not need. Not JSON → 400 BAD_REQUEST; too large → 413 PAYLOAD_TOO_LARGE.
 */
export async function readJsonBody(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const bytes = await readBoundedBody(request, options.maxBytes ?? getEnv().JSON_BODY_MAX_BYTES);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new ApiError("BAD_REQUEST", "Corpo da requisição não é JSON válido.");
  }
}
