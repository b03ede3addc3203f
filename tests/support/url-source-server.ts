import http from "node:http";
import type { AddressInfo } from "node:net";
import { makeJpeg } from "./image-fixtures";

/**
 * The image source of the URL-batch tests, on 127.0.0.1 only (allow-listed by the test through
 * URL_FETCH_ALLOW_HOSTS): real JPEGs and every misbehaviour the fetcher must survive. It counts the
 * requests per path (with the query), so a test can prove a URL was fetched once.
 *
 * - `/p/<seed>/<any name>`: a JPEG whose pixels depend on `seed` (same seed, same bytes)
 * - `/status/<code>`: that HTTP status, no body
 * - `/flaky/<key>/<name>`: 503 until `heal(key)` is called, then the JPEG of seed `key`'s hash
 * - `/gate/<key>/<name>`: held open until `open()`, then a JPEG (seed from the key)
 * - `/slow/<key>/<name>`: sends a JPEG's first bytes, then one byte per `slowByteMs` until `open()`
 * - `/html-as-jpeg`: an HTML page with `Content-Type: image/jpeg`
 * - `/empty`: 200 with no body
 * - `/huge`: a JPEG header then zeros, up to 2 GB, no Content-Length (counts what it sent)
 * - `/huge-declared`: declares 2 GB and sends nothing more
 * - `/trickle`: one byte a second, forever
 * - `/redirect?to=<url>`: 302 to `to`; `/loop`: 302 to itself
 */
export type UrlSourceServer = {
  origin: string;
  host: string;
  port: number;
  requests: (pathWithQuery: string) => number;
  totalRequests: () => number;
  bytesSent: (pathname: string) => number;
  heal: (key: string) => void;
  open: () => void;
  close: () => Promise<void>;
};

const TWO_GB = 2 * 1024 * 1024 * 1024;

function seedOf(key: string): number {
  let hash = 7;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 1_000_000;
}

export async function startUrlSourceServer(options: { slowByteMs?: number; latencyMs?: number } = {}) {
  const counts = new Map<string, number>();
  const sent = new Map<string, number>();
  const healed = new Set<string>();
  const jpegs = new Map<number, Buffer>();
  let isOpen = false;
  let openWaiters: (() => void)[] = [];
  const whenOpen = () => (isOpen ? Promise.resolve() : new Promise<void>((r) => openWaiters.push(r)));
  const jpeg = async (seed: number) => {
    let bytes = jpegs.get(seed);
    if (!bytes) jpegs.set(seed, (bytes = await makeJpeg(seed, 64, 48)));
    return bytes;
  };
  const addSent = (path: string, n: number) => sent.set(path, (sent.get(path) ?? 0) + n);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    counts.set(req.url ?? "/", (counts.get(req.url ?? "/") ?? 0) + 1);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const [, kind, key] = url.pathname.split("/");
    res.on("error", () => {});
    if (kind === "p") {
      const body = await jpeg(Number(key));
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": body.length });
      return res.end(body);
    }
    if (kind === "status") {
      res.writeHead(Number(key));
      return res.end();
    }
    if (kind === "flaky") {
      if (!healed.has(key!)) {
        res.writeHead(503);
        return res.end();
      }
      const body = await jpeg(seedOf(key!));
      res.writeHead(200, { "content-type": "image/jpeg" });
      return res.end(body);
    }
    if (kind === "gate") {
      await whenOpen();
      const body = await jpeg(seedOf(key!));
      res.writeHead(200, { "content-type": "image/jpeg" });
      return res.end(body);
    }
    if (kind === "slow") {
      const body = await jpeg(seedOf(key!));
      res.writeHead(200, { "content-type": "image/jpeg" });
      res.write(body.subarray(0, 64));
      let at = 64;
      const timer = setInterval(() => {
        if (isOpen) {
          clearInterval(timer);
          return res.end(body.subarray(at));
        }
        if (at < body.length - 1) res.write(body.subarray(at, ++at));
      }, options.slowByteMs ?? 200);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (url.pathname === "/html-as-jpeg") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      return res.end("<!doctype html><html><body><h1>Not found</h1></body></html>");
    }
    if (url.pathname === "/empty") {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": 0 });
      return res.end();
    }
    if (url.pathname === "/huge") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      const header = (await jpeg(1)).subarray(0, 600);
      res.write(header);
      addSent("/huge", header.length);
      const block = Buffer.alloc(256 * 1024);
      const push = () => {
        while ((sent.get("/huge") ?? 0) < TWO_GB && !res.destroyed) {
          addSent("/huge", block.length);
          if (!res.write(block)) return void res.once("drain", push);
        }
        res.end();
      };
      return push();
    }
    if (url.pathname === "/huge-declared") {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(TWO_GB) });
      res.write((await jpeg(1)).subarray(0, 600));
      return; // never sends the rest
    }
    if (url.pathname === "/trickle") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      const timer = setInterval(() => res.write(Buffer.from([0xff])), 1000);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (url.pathname === "/redirect") {
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/" });
      return res.end();
    }
    if (url.pathname === "/loop") {
      res.writeHead(302, { location: "/loop" });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    requests: (pathWithQuery: string) => counts.get(pathWithQuery) ?? 0,
    totalRequests: () => [...counts.values()].reduce((a, b) => a + b, 0),
    bytesSent: (pathname: string) => sent.get(pathname) ?? 0,
    heal: (key: string) => healed.add(key),
    open: () => {
      isOpen = true;
      for (const wake of openWaiters) wake();
      openWaiters = [];
    },
    close: async () => {
      isOpen = true;
      for (const wake of openWaiters) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies UrlSourceServer;
}
