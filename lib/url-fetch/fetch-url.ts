import dns from "node:dns";
import net from "node:net";
import { Readable, Transform } from "node:stream";
import { Agent, request, errors as undiciErrors } from "undici";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { classifyAddress, isAllowListed, type AllowedHost } from "./address-policy";

/**
 * Fetches one image URL for a URL batch under the SSRF rules (OWASP): http/https only, no
 * credentials in the URL; the host is resolved once, in the connection's own `lookup`, and every
 * address it resolves to must be public (lib/url-fetch/address-policy.ts) — the socket then connects
 * to that checked address, so there is no second resolution an attacker's DNS could answer
 * differently (a literal IP never reaches `lookup`: it is checked before). Redirects are followed
 * by hand, at most `maxRedirects`, each hop checked again. The size limit is enforced while the body
 * streams (a declared Content-Length over it is refused before reading); connect and total timeouts.
 * Hosts in the allow-list (URL_FETCH_ALLOW_HOSTS: on-premise sources, tests) skip the address check.
 */
export type UrlFetchOptions = {
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxRedirects?: number;
  allowHosts: readonly AllowedHost[];
  signal?: AbortSignal;
};

export type FetchedUrl = {
  /** The URL the body came from, after redirects. */
  url: string;
  redirects: number;
  contentType: string | null;
  contentLength: number | null;
  /** The body, limited to `maxBytes` while it streams (an error beyond). */
  body: Readable;
};

export class UrlFetchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "UrlFetchError";
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_REDIRECTS = 5;

/** The parsed URL, or UrlFetchError for what is never fetched whatever it resolves to. */
export function parseFetchableUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new UrlFetchError("URL_INVALID", "URL inválida.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UrlFetchError("URL_SCHEME_REFUSED", `Só http e https são aceitos (${url.protocol}).`, {
      scheme: url.protocol.replace(/:$/, ""),
    });
  if (url.username || url.password)
    throw new UrlFetchError("URL_CREDENTIALS_REFUSED", "A URL não pode trazer usuário ou senha.");
  return url;
}

function blocked(host: string, address: string, range: string): UrlFetchError {
  return new UrlFetchError("URL_ADDRESS_BLOCKED", `Endereço não permitido para ${host}: ${address} (${range}).`, {
    host,
    address,
    range,
  });
}

/** dns.lookup that resolves all addresses once and refuses the host unless every one is public. */
const checkedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    const list = addresses as dns.LookupAddress[];
    for (const { address } of list) {
      const verdict = classifyAddress(address);
      if (!verdict.allowed) return callback(blocked(hostname, address, verdict.range), "", 0);
    }
    if (list.length === 0) return callback(new Error(`No address for ${hostname}`), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

const agents = new Map<string, Agent>();

/** One pooled agent per (checked or allow-listed, connect timeout): keep-alive per host across a batch. */
function agentFor(checked: boolean, connectTimeoutMs: number): Agent {
  const key = `${checked}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: { timeout: connectTimeoutMs, ...(checked ? { lookup: checkedLookup } : {}) },
      connections: 8,
    });
    agents.set(key, agent);
  }
  return agent;
}

function checkLiteralAddress(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) === 0) return;
  const verdict = classifyAddress(host);
  if (!verdict.allowed) throw blocked(host, host, verdict.range);
}

/** `translateError` names a body that stopped (the total timeout hit mid-body, the connection dropped). */
function limitBody(body: Readable, maxBytes: number, translateError: (error: unknown) => UrlFetchError): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes)
        return done(
          new UrlFetchError("URL_TOO_LARGE", `O arquivo passa do limite de ${maxBytes} bytes.`, { max: maxBytes }),
        );
      done(null, chunk);
    },
  });
  body.on("error", (error) => limiter.destroy(translateError(error)));
  limiter.on("close", () => body.destroy());
  return body.pipe(limiter);
}

/** getaddrinfo's answers for a name that does not resolve (now or at all). */
const DNS_FAILURES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);

function errorCodeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : null;
}

function translate(error: unknown, url: URL, totalTimeoutMs: number, timedOut: () => boolean): UrlFetchError {
  if (error instanceof UrlFetchError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof UrlFetchError) return cause;
  if (
    timedOut() ||
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError
  )
    return new UrlFetchError("URL_TIMEOUT", `Sem resposta de ${url.host} a tempo.`, {
      host: url.host,
      seconds: Math.round(totalTimeoutMs / 1000),
    });
  const systemCode = errorCodeOf(error) ?? errorCodeOf(cause);
  if (systemCode && DNS_FAILURES.has(systemCode))
    return new UrlFetchError("URL_DNS_FAILED", `O nome ${url.hostname} não foi resolvido (${systemCode}).`, {
      host: url.hostname,
    });
  if (systemCode === "ECONNREFUSED")
    return new UrlFetchError("URL_CONNECTION_REFUSED", `${url.host} recusou a conexão.`, { host: url.host });
  return new UrlFetchError(
    "URL_FETCH_FAILED",
    `Falha ao baixar de ${url.host}: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
    {
      host: url.host,
    },
  );
}

export async function fetchUrl(raw: string, options: UrlFetchOptions): Promise<FetchedUrl> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeout = AbortSignal.timeout(options.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url = parseFetchableUrl(raw);
  for (let redirects = 0; ; redirects++) {
    const allowed = isAllowListed(url, options.allowHosts);
    if (!allowed) checkLiteralAddress(url);
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: "GET",
        dispatcher: agentFor(!allowed, options.connectTimeoutMs),
        signal,
        headersTimeout: options.totalTimeoutMs,
        bodyTimeout: options.totalTimeoutMs,
        headers: { accept: "image/*,*/*;q=0.5", "user-agent": "Vitrine/1.0 (image bank)" },
      });
    } catch (error) {
      throw translate(error, url, options.totalTimeoutMs, () => timeout.aborted);
    }
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(response.statusCode) && typeof location === "string") {
      await response.body.dump();
      if (redirects >= maxRedirects)
        throw new UrlFetchError("URL_TOO_MANY_REDIRECTS", `Mais de ${maxRedirects} redirecionamentos.`, {
          max: maxRedirects,
        });
      url = parseFetchableUrl(new URL(location, url).toString());
      continue;
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new UrlFetchError("URL_HTTP_ERROR", `${url.host} respondeu HTTP ${response.statusCode}.`, {
        host: url.host,
        status: response.statusCode,
      });
    }
    const declared = Number(response.headers["content-length"]);
    const contentLength = Number.isFinite(declared) && declared >= 0 ? declared : null;
    if (contentLength !== null && contentLength > options.maxBytes) {
      response.body.destroy();
      throw new UrlFetchError("URL_TOO_LARGE", `O arquivo passa do limite de ${options.maxBytes} bytes.`, {
        max: options.maxBytes,
      });
    }
    const contentType = response.headers["content-type"];
    return {
      url: url.toString(),
      redirects,
      contentType: typeof contentType === "string" ? contentType : null,
      contentLength,
      body: limitBody(response.body, options.maxBytes, (error) =>
        translate(error, url, options.totalTimeoutMs, () => timeout.aborted),
      ),
    };
  }
}
