import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { makeJpeg } from "./image-fixtures";

/**
 * A photo host on 127.0.0.1 for URL batches in e2e (a supplier's site): every path answers by its
 * shape, so a URL list says what each line meets.
 *   /photos/<name>.jpg            a real JPEG, its pixels seeded by the name (distinct names, distinct bytes)
 *   /slow/<ms>/<name>.jpg         the same after <ms> (watch progress, pause mid-batch)
 *   /flaky/<name>.jpg             503 until POST /__photos/heal, then the photo (a network failure to reprocess)
 *   /status/<code>/<name>.jpg     that HTTP status
 *   /html-as-jpeg/<name>.jpg      an HTML page sent as image/jpeg
 *   /loop/<n>                     a redirect to /loop/<n+1>, forever
 *   /redirect?to=<url>            a redirect to `to` (e.g. a loopback port that is not allow-listed)
 *   GET /__photos/requests        {path: count} of every request so far; POST /__photos/heal
 * Only ever bound to 127.0.0.1.
 */
export type PhotoHostServer = { url: string; port: number; close: () => Promise<void> };

function seedOf(name: string): number {
  return createHash("sha256").update(name).digest().readUInt32BE(0);
}

export async function startPhotoHostServer(port = 0): Promise<PhotoHostServer> {
  const requests = new Map<string, number>();
  let healed = false;
  const photo = async (res: http.ServerResponse, name: string) => {
    const jpeg = await makeJpeg(seedOf(name), 320, 400);
    res.writeHead(200, { "content-type": "image/jpeg", "content-length": jpeg.length });
    res.end(jpeg);
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const path = url.pathname;
      if (path === "/__photos/requests") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(Object.fromEntries(requests)));
      }
      if (path === "/__photos/heal" && req.method === "POST") {
        healed = true;
        res.writeHead(204);
        return res.end();
      }
      requests.set(path, (requests.get(path) ?? 0) + 1);
      let m: RegExpExecArray | null;
      if ((m = /^\/photos\/([^/]+)$/.exec(path))) return photo(res, m[1]!);
      if ((m = /^\/slow\/(\d+)\/([^/]+)$/.exec(path))) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(m![1]), 30_000)));
        return photo(res, m[2]!);
      }
      if ((m = /^\/flaky\/([^/]+)$/.exec(path))) {
        if (healed) return photo(res, m[1]!);
        res.writeHead(503, { "content-type": "text/plain" });
        return res.end("Service Unavailable");
      }
      if ((m = /^\/status\/(\d{3})\/[^/]+$/.exec(path))) {
        res.writeHead(Number(m[1]), { "content-type": "text/plain" });
        return res.end(`status ${m[1]}`);
      }
      if (/^\/html-as-jpeg\/[^/]+$/.test(path)) {
        res.writeHead(200, { "content-type": "image/jpeg" });
        return res.end("<!doctype html><html><body>Não é uma foto</body></html>");
      }
      if ((m = /^\/loop\/(\d+)$/.exec(path))) {
        res.writeHead(302, { location: `/loop/${Number(m[1]) + 1}` });
        return res.end();
      }
      if (path === "/redirect" && url.searchParams.get("to")) {
        res.writeHead(302, { location: url.searchParams.get("to")! });
        return res.end();
      }
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
