import { describe, expect, it } from "vitest";
import { findNulPath } from "@/lib/http/nul-bytes";
import { hasAllowedOrigin, type OriginConfig } from "@/lib/http/origin";
import { parseCookieHeader } from "@/lib/http/parse-cookies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { blobApiConnectSources, pageContentSecurityPolicy } from "@/lib/http/security-headers";

describe("parseCookieHeader", () => {
  it("never throws on a value that is not valid percent-encoding, and keeps the other cookies", () => {
    const cookies = parseCookieHeader("_ga=100%; next-auth.session-token=abc.def; x=%E0%A4%A; y=caf%C3%A9");
    expect(cookies.get("_ga")).toBe("100%");
    expect(cookies.get("next-auth.session-token")).toBe("abc.def");
    expect(cookies.get("x")).toBe("%E0%A4%A");
    expect(cookies.get("y")).toBe("café");
  });

  it("ignores empty parts and names, and lets the last duplicate win", () => {
    const cookies = parseCookieHeader(";; =x; a=1; novalue; a=2 ;");
    expect([...cookies]).toEqual([["a", "2"]]);
    expect(parseCookieHeader(null).size).toBe(0);
  });
});

describe("hasAllowedOrigin", () => {
  const config = { urls: ["http://localhost:3000", "https://vitrine.example.com/app"], trustProxy: 0 };
  const check = (headers: Record<string, string>, cfg: OriginConfig = config) =>
    hasAllowedOrigin(new Headers(headers), cfg);

  it("accepts the configured origins only (scheme, host and port)", () => {
    expect(check({ origin: "http://localhost:3000" })).toBe(true);
    expect(check({ origin: "https://vitrine.example.com" })).toBe(true);
    expect(check({ origin: "http://vitrine.example.com" })).toBe(false);
    expect(check({ origin: "http://localhost:3001" })).toBe(false);
    expect(check({ origin: "http://evil.example" })).toBe(false);
  });

  it("refuses a missing, null or malformed Origin", () => {
    expect(check({})).toBe(false);
    expect(check({ origin: "null" })).toBe(false);
    expect(check({ origin: "not a url" })).toBe(false);
  });

  it("never believes Host or X-Forwarded-Host without TRUST_PROXY", () => {
    expect(
      check({
        origin: "http://evil.example",
        host: "evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "http",
      }),
    ).toBe(false);
  });

  it("believes the nearest proxy's X-Forwarded-Host/-Proto with TRUST_PROXY ≥ 1", () => {
    const proxied = { urls: [], trustProxy: 1 };
    expect(
      check(
        {
          origin: "https://public.example",
          "x-forwarded-host": "spoofed.example, public.example",
          "x-forwarded-proto": "https",
        },
        proxied,
      ),
    ).toBe(true);
    expect(
      check(
        {
          origin: "https://spoofed.example",
          "x-forwarded-host": "spoofed.example, public.example",
          "x-forwarded-proto": "https",
        },
        proxied,
      ),
    ).toBe(false);
    expect(
      check(
        { origin: "http://public.example", "x-forwarded-host": "public.example", "x-forwarded-proto": "https" },
        proxied,
      ),
    ).toBe(false);
  });

  it("refuses everything when no URL is configured and no proxy is trusted (fails closed)", () => {
    expect(
      check({ origin: "http://localhost:3000", host: "localhost:3000" }, { urls: [undefined], trustProxy: 0 }),
    ).toBe(false);
  });
});

describe("findNulPath", () => {
  it("finds NUL in nested strings and keys, iteratively", () => {
    expect(findNulPath({ a: "ok", b: [1, "x\u0000y"] })).toBe("b.1");
    expect(findNulPath({ ["k\u0000"]: 1 })).toBe("k\u0000");
    expect(findNulPath("\u0000")).toBe("");
    expect(findNulPath({ a: "ok", n: null, t: true, list: ["a", { b: "c" }] })).toBeNull();
    let deep: unknown = "end\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulPath(deep)).not.toBeNull();
  });
});

describe("readJsonBody", () => {
  const streamOf = (chunks: number, size: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunks; i++) controller.enqueue(new Uint8Array(size).fill(0x20));
        controller.close();
      },
    });

  it("parses a JSON body within the limit", async () => {
    await expect(
      readJsonBody(new Request("http://x/", { method: "POST", body: '{"a":1}' }), { maxBytes: 1024 }),
    ).resolves.toEqual({ a: 1 });
  });

  it("refuses a declared Content-Length above the limit before reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": "999999" } });
    await expect(readJsonBody(request, { maxBytes: 1024 })).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      status: 413,
    });
  });

  it("stops a streamed body without Content-Length as soon as it passes the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const request = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readJsonBody(request, { maxBytes: 1024 * 1024 })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled).toBeLessThan(40);
  });

  it("answers 400 for an empty or non-JSON body", async () => {
    await expect(readJsonBody(new Request("http://x/", { method: "POST" }), { maxBytes: 1024 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      readJsonBody(new Request("http://x/", { method: "POST", body: "{" }), { maxBytes: 1024 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const request = new Request("http://x/", { method: "POST", body: streamOf(2, 10), duplex: "half" } as RequestInit);
    await expect(readJsonBody(request, { maxBytes: 1024 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("pageContentSecurityPolicy", () => {
  it("allows scripts by nonce only, forbids framing, and allows eval only in development", () => {
    const production = pageContentSecurityPolicy("abc", false);
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).not.toContain("unsafe-eval");
    expect(production).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(pageContentSecurityPolicy("abc", true)).toContain("'unsafe-eval'");
  });
});

describe("blobApiConnectSources", () => {
  it("lets pages reach the Blob API only when the store is Vercel Blob (Vercel's API, or VERCEL_BLOB_API_URL's origin)", () => {
    expect(blobApiConnectSources({})).toEqual([]);
    expect(blobApiConnectSources({ BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_s_x" })).toEqual(["https://vercel.com"]);
    expect(
      blobApiConnectSources({
        BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_s_x",
        VERCEL_BLOB_API_URL: "http://127.0.0.1:9/api/blob",
      }),
    ).toEqual(["http://127.0.0.1:9"]);
    expect(pageContentSecurityPolicy("abc", false, ["https://vercel.com"])).toContain(
      "connect-src 'self' https://vercel.com;",
    );
  });
});
