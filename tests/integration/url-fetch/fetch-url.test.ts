// The SSRF-safe fetcher against real sockets, all on loopback: an allow-listed image server on
// 127.0.0.1, and canary listeners (connection counters) on addresses/ports that are not allow-listed —
// every blocked case asserts its canary was never reached.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchUrl, UrlFetchError, type UrlFetchOptions } from "@/lib/url-fetch/fetch-url";
import { parseAllowedHosts } from "@/lib/url-fetch/address-policy";
import { startCanaryServer, type CanaryServer } from "../../support/canary-server";

let server: http.Server;
let origin: string;
let port: number;
const canaries: Record<string, CanaryServer> = {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const to = url.searchParams.get("to");
    if (url.pathname === "/redirect" && to) {
      res.writeHead(302, { location: to });
      return res.end();
    }
    if (url.pathname === "/hops") {
      const n = Number(url.searchParams.get("n"));
      res.writeHead(302, { location: n > 0 ? `/hops?n=${n - 1}` : "/photo.jpg" });
      return res.end();
    }
    if (url.pathname === "/photo.jpg") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      return res.end("JPEGDATA");
    }
    if (url.pathname === "/big-declared") {
      res.writeHead(200, { "content-type": "image/jpeg", "content-length": String(5 * 1024 * 1024) });
      return res.end();
    }
    if (url.pathname === "/big-streamed") {
      // No Content-Length: only counting while streaming can stop it.
      res.writeHead(200, { "content-type": "image/jpeg" });
      let sent = 0;
      const push = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!res.write(Buffer.alloc(64 * 1024, 1))) return res.once("drain", push);
        }
        res.end();
      };
      return push();
    }
    if (url.pathname === "/hang") return; // never answers
    if (url.pathname === "/missing") {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(500);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  canaries.otherLoopback = await startCanaryServer("127.0.0.2");
  canaries.sameHostOtherPort = await startCanaryServer("127.0.0.1");
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const canary of Object.values(canaries)) await canary.close();
});

const options = (change: Partial<UrlFetchOptions> = {}): UrlFetchOptions => ({
  maxBytes: 1024 * 1024,
  connectTimeoutMs: 2_000,
  totalTimeoutMs: 5_000,
  allowHosts: parseAllowedHosts(`127.0.0.1:${port}`),
  ...change,
});

async function refusal(url: string, change: Partial<UrlFetchOptions> = {}): Promise<UrlFetchError> {
  let error: unknown = null;
  try {
    await text((await fetchUrl(url, options(change))).body);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UrlFetchError);
  return error as UrlFetchError;
}

const reached = () => canaries.otherLoopback!.connections() + canaries.sameHostOtherPort!.connections();

describe("fetchUrl", () => {
  let before = 0;
  beforeEach(() => {
    before = reached();
  });

  it("fetches from an allow-listed host and follows up to five redirects", async () => {
    const fetched = await fetchUrl(`${origin}/hops?n=4`, options());
    expect(fetched).toMatchObject({ url: `${origin}/photo.jpg`, redirects: 5, contentType: "image/jpeg" });
    expect(await text(fetched.body)).toBe("JPEGDATA");
    expect((await refusal(`${origin}/hops?n=5`)).code).toBe("URL_TOO_MANY_REDIRECTS");
  });

  it("refuses loopback and other private targets that are not allow-listed, without connecting", async () => {
    const { otherLoopback, sameHostOtherPort } = canaries;
    const blocked = [
      `http://${otherLoopback!.host}:${otherLoopback!.port}/x.jpg`,
      `http://127.0.0.1:${sameHostOtherPort!.port}/x.jpg`, // allow-listed host, other port
      `http://localhost:${sameHostOtherPort!.port}/x.jpg`, // a name that resolves to loopback
      `http://[::ffff:127.0.0.1]:${sameHostOtherPort!.port}/x.jpg`, // IPv4-mapped IPv6 literal
      `http://2130706433:${sameHostOtherPort!.port}/x.jpg`, // 127.0.0.1 written as a number
      `http://0x7f000001:${sameHostOtherPort!.port}/x.jpg`,
    ];
    for (const url of blocked) {
      const error = await refusal(url);
      expect(error.code, url).toBe("URL_ADDRESS_BLOCKED");
      expect(error.details.range, url).toBe("loopback");
    }
    expect(reached()).toBe(before);
  });

  it("checks every redirect hop again: a redirect to a blocked address is refused, its target never reached", async () => {
    const { otherLoopback, sameHostOtherPort } = canaries;
    for (const to of [
      `http://${otherLoopback!.host}:${otherLoopback!.port}/`,
      `http://localhost:${sameHostOtherPort!.port}/`,
      `http://[::ffff:7f00:2]:${otherLoopback!.port}/`,
    ]) {
      const error = await refusal(`${origin}/redirect?to=${encodeURIComponent(to)}`);
      expect(error.code, to).toBe("URL_ADDRESS_BLOCKED");
    }
    expect((await refusal(`${origin}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`)).code).toBe(
      "URL_SCHEME_REFUSED",
    );
    expect(reached()).toBe(before);
  });

  it("refuses other schemes and credentials in the URL before any connection", async () => {
    expect((await refusal("ftp://127.0.0.1/x.jpg")).code).toBe("URL_SCHEME_REFUSED");
    expect((await refusal("file:///etc/passwd")).details).toEqual({ scheme: "file" });
    expect((await refusal(`http://user:senha@127.0.0.1:${port}/photo.jpg`)).code).toBe("URL_CREDENTIALS_REFUSED");
    expect((await refusal("not a url")).code).toBe("URL_INVALID");
    expect(reached()).toBe(before);
  });

  it("enforces the size limit: a declared length over it before reading, an undeclared one while streaming", async () => {
    const declared = await refusal(`${origin}/big-declared`);
    expect(declared.code).toBe("URL_TOO_LARGE");
    expect(declared.details).toEqual({ max: 1024 * 1024 });
    const streamed = await refusal(`${origin}/big-streamed`);
    expect(streamed.code).toBe("URL_TOO_LARGE");
  });

  it("gives up on a server that never answers (total timeout), and names HTTP errors", async () => {
    const hang = await refusal(`${origin}/hang`, { totalTimeoutMs: 400 });
    expect(hang.code).toBe("URL_TIMEOUT");
    const missing = await refusal(`${origin}/missing`);
    expect(missing).toMatchObject({ code: "URL_HTTP_ERROR", details: { status: 404 } });
  });
});
