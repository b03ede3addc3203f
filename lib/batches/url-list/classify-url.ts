import "server-only";
import net from "node:net";
import type { UrlErrorCategory } from "@/lib/db/client";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { classifyAddress, isAllowListed, type AllowedHost } from "@/lib/url-fetch/address-policy";
import { parseFetchableUrl, UrlFetchError } from "@/lib/url-fetch/fetch-url";

/** Longest URL taken (after normalisation, always ASCII): what browsers and CDNs commonly accept. */
export const MAX_URL_LENGTH = 2048;

export type UrlVerdict =
  | { ok: true; url: string }
  | {
      ok: false;
      category: Extract<UrlErrorCategory, "INVALID_URL" | "BLOCKED_ADDRESS">;
      code: ErrorCode;
      details: Record<string, string | number>;
    };

/**
 * What the import can tell about one URL of a list without any network: the fetcher's own rules
 * (http/https only, no credentials: `parseFetchableUrl`), a length bound, and a literal IP host
 * judged by the address classifier (`0177.0.0.1` and `2130706433` are 127.0.0.1 once parsed).
 * A blocked literal address fails here (BLOCKED_ADDRESS) unless allow-listed; host names are only
 * resolved and checked when fetched. The URL kept is the normalised one, so `HTTP://Host/a` and
 * `http://host/a` are the same line.
 */
export function classifyListUrl(raw: string, allowHosts: readonly AllowedHost[]): UrlVerdict {
  const text = raw.trim();
  if (text === "") return { ok: false, category: "INVALID_URL", code: "URL_MISSING", details: {} };
  let url: URL;
  try {
    url = parseFetchableUrl(text);
  } catch (error) {
    const e = error as UrlFetchError;
    return { ok: false, category: "INVALID_URL", code: e.code, details: e.details };
  }
  if (!url.hostname) return { ok: false, category: "INVALID_URL", code: "URL_INVALID", details: {} };
  const href = url.href;
  if (href.length > MAX_URL_LENGTH)
    return { ok: false, category: "INVALID_URL", code: "URL_TOO_LONG", details: { max: MAX_URL_LENGTH } };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) !== 0 && !isAllowListed(url, allowHosts)) {
    const verdict = classifyAddress(host);
    if (!verdict.allowed)
      return {
        ok: false,
        category: "BLOCKED_ADDRESS",
        code: "URL_ADDRESS_BLOCKED",
        details: { host, address: host, range: verdict.range },
      };
  }
  return { ok: true, url: href };
}
