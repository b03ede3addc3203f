/**
 * Web Worker: the sha256 of each file it is handed, off the page's main thread (reading the bytes
 * and hashing them would otherwise hold it for as long as the file takes). One message per file:
 * `{id, file}` in, `{id, sha256}` or `{id, error}` out.
 */
type HashRequest = { id: number; file: Blob };
export type HashReply = { id: number; sha256: string } | { id: number; error: string };

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!];
  return hex;
}

// Typed by hand: the project's TypeScript lib is the DOM's, not the worker's.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<HashRequest>) => void) | null;
  postMessage: (reply: HashReply) => void;
};

scope.onmessage = (event) => {
  const { id, file } = event.data;
  file
    .arrayBuffer()
    .then((bytes) => crypto.subtle.digest("SHA-256", bytes))
    .then(
      (digest) => scope.postMessage({ id, sha256: toHex(digest) }),
      (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
};
