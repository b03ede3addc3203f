import { createHash } from "node:crypto";
import { Readable } from "node:stream";

/** Deterministic pseudo-random bytes (xorshift32), generated chunk by chunk so nothing big sits in memory. */
export function generatedStream(totalBytes: number, seed = 1, chunkSize = 64 * 1024): Readable {
  let state = seed >>> 0 || 1;
  let remaining = totalBytes;
  return new Readable({
    read() {
      if (remaining === 0) return void this.push(null);
      const chunk = Buffer.allocUnsafe(Math.min(chunkSize, remaining));
      for (let i = 0; i < chunk.length; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        chunk[i] = state & 0xff;
      }
      remaining -= chunk.length;
      this.push(chunk);
    },
  });
}

export async function sha256Of(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Emits `bytesBeforeFailure` bytes, then errors — a client disconnecting mid-upload. */
export function failingStream(bytesBeforeFailure: number, error = new Error("source stream failed")): Readable {
  return Readable.from(
    (async function* () {
      let sent = 0;
      while (sent < bytesBeforeFailure) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, bytesBeforeFailure - sent), 7);
        sent += chunk.length;
        yield chunk;
        await new Promise((resolve) => setImmediate(resolve));
      }
      throw error;
    })(),
    { objectMode: false },
  );
}
