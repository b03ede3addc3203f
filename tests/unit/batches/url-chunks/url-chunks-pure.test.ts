import { describe, expect, it } from "vitest";
import {
  categorizeFetchError,
  categorizeStoreRefusal,
  isNetworkCategory,
  NETWORK_ERROR_CATEGORIES,
} from "@/lib/batches/url-chunks/error-categories";
import { HostLimiter } from "@/lib/batches/url-chunks/host-limiter";
import { urlFileName } from "@/lib/batches/url-chunks/url-file-name";
import { hostKeyOf } from "@/lib/batches/url-chunks/url-host-key";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { UrlErrorCategory } from "@/lib/generated/prisma/enums";

describe("URL error categories", () => {
  it.each([
    ["URL_INVALID", {}, "INVALID_URL", null],
    ["URL_SCHEME_REFUSED", { scheme: "ftp" }, "INVALID_URL", null],
    ["URL_CREDENTIALS_REFUSED", {}, "INVALID_URL", null],
    ["URL_ADDRESS_BLOCKED", { range: "loopback" }, "BLOCKED_ADDRESS", null],
    ["URL_DNS_FAILED", { host: "x" }, "DNS", null],
    ["URL_CONNECTION_REFUSED", { host: "x" }, "REFUSED", null],
    ["URL_TIMEOUT", { host: "x", seconds: 2 }, "TIMEOUT", null],
    ["URL_HTTP_ERROR", { status: 404 }, "HTTP_4XX", 404],
    ["URL_HTTP_ERROR", { status: 410 }, "HTTP_4XX", 410],
    ["URL_HTTP_ERROR", { status: 500 }, "HTTP_5XX", 500],
    ["URL_HTTP_ERROR", { status: 503 }, "HTTP_5XX", 503],
    ["URL_TOO_LARGE", { max: 1 }, "TOO_LARGE", null],
    ["URL_TOO_MANY_REDIRECTS", { max: 5 }, "REDIRECT_LOOP", null],
    ["URL_FETCH_FAILED", { host: "x" }, "NETWORK", null],
  ] as const)("%s %j → %s", (code, details, category, httpStatus) => {
    expect(categorizeFetchError(code as ErrorCode, details)).toEqual({ category, code, httpStatus });
  });

  it("maps the upload pipeline's refusals of a downloaded body", () => {
    expect(categorizeStoreRefusal("UNSUPPORTED_MEDIA_TYPE", undefined).category).toBe("NOT_IMAGE");
    expect(categorizeStoreRefusal("BAD_REQUEST", "EMPTY_FILE")).toMatchObject({
      category: "NOT_IMAGE",
      code: "URL_EMPTY",
    });
    expect(categorizeStoreRefusal("PAYLOAD_TOO_LARGE", undefined).category).toBe("TOO_LARGE");
    expect(categorizeStoreRefusal("SERVICE_UNAVAILABLE", undefined).category).toBe("PROCESSING");
    expect(categorizeStoreRefusal("BAD_REQUEST", undefined).category).toBe("NETWORK");
  });

  it("names the network categories, all of them database values", () => {
    for (const category of NETWORK_ERROR_CATEGORIES) expect(Object.values(UrlErrorCategory)).toContain(category);
    expect(isNetworkCategory("HTTP_5XX")).toBe(true);
    expect(isNetworkCategory("HTTP_4XX")).toBe(false);
    expect(isNetworkCategory("BLOCKED_ADDRESS")).toBe(false);
    expect(isNetworkCategory(null)).toBe(false);
  });
});

describe("urlFileName", () => {
  const row = (url: string, extra: { name?: string; path?: string; sku?: string } = {}) => ({
    url,
    name: extra.name ?? null,
    path: extra.path ?? null,
    sku: extra.sku ?? null,
  });
  it.each([
    [row("https://cdn.example.com/fotos/VD24-0123_FRENTE.jpg?w=800"), "VD24-0123_FRENTE.jpg", null],
    [row("https://cdn.example.com/fotos/VD24%200123%20costas.jpg"), "VD24 0123 costas.jpg", null],
    [row("https://cdn.example.com/"), "sem-nome", null],
    [row("https://x/a.jpg", { name: "VD24-0001_01.jpg" }), "VD24-0001_01.jpg", null],
    [row("https://x/a.jpg", { path: "VERAO/VD24-0001_02.jpg" }), "VD24-0001_02.jpg", "VERAO/VD24-0001_02.jpg"],
    [row("https://x/01.jpg", { path: "VERAO/VD24-0001" }), "01.jpg", "VERAO/VD24-0001/01.jpg"],
    [row("https://x/IMG_4567.jpg", { sku: "VD24-0001" }), "VD24-0001_IMG_4567.jpg", null],
    // Already named after the SKU (any separators/case): not prefixed twice.
    [row("https://x/vd24_0001-frente.jpg", { sku: "VD24-0001" }), "vd24_0001-frente.jpg", null],
    [row("https://x/a.jpg", { sku: "VD24-0001", path: "VERAO/a.jpg" }), "VD24-0001_a.jpg", "VERAO/VD24-0001_a.jpg"],
  ])("%j → %s", (input, fileName, relativePath) => {
    expect(urlFileName(input)).toEqual({ fileName, relativePath });
  });
});

describe("hostKeyOf", () => {
  it.each([
    ["http://127.0.0.1:8080/x.jpg", "127.0.0.1:8080"],
    ["https://CDN.Example.com/a/b?c=d", "cdn.example.com"],
    ["https://user@cdn.example.com:8443/", "cdn.example.com:8443"],
    ["http://[::1]:81/x", "[::1]:81"],
    ["not a url", ""],
  ])("%s → %s", (url, key) => expect(hostKeyOf(url)).toBe(key));
});

describe("HostLimiter", () => {
  it("counts reserved slots per host and wakes waiters on release", async () => {
    const limiter = new HostLimiter(() => ({ perHost: 2, delayMs: 0 }));
    limiter.reserve("a");
    limiter.reserve("a");
    limiter.reserve("b");
    expect(limiter.rooms()).toEqual({ hosts: ["a", "b"], rooms: [0, 1], full: ["a"] });
    const woken = limiter.nextRelease();
    limiter.release("a");
    await woken;
    expect(limiter.rooms().full).toEqual([]);
    limiter.release("a");
    limiter.release("b");
    expect(limiter.rooms().hosts).toEqual([]);
  });

  it("spaces the starts of one host by the polite delay", async () => {
    const limiter = new HostLimiter(() => ({ perHost: 4, delayMs: 40 }));
    const signal = new AbortController().signal;
    limiter.reserve("a");
    limiter.reserve("a");
    limiter.reserve("a");
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all([0, 1, 2].map(() => limiter.waitTurn("a", signal).then(() => starts.push(Date.now() - t0))));
    starts.sort((x, y) => x - y);
    // The k-th start waits k delays (a lower bound: timers never fire early, late ones only add).
    expect(starts[1]).toBeGreaterThanOrEqual(39);
    expect(starts[2]).toBeGreaterThanOrEqual(79);
  });
});
