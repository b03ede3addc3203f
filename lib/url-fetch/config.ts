import { getEnv } from "@/lib/config/env";
import { parseAllowedHosts } from "./address-policy";
import type { UrlFetchOptions } from "./fetch-url";

/** The fetcher's limits from the configuration; a URL's file has the same size limit as an upload. */
export function urlFetchOptionsFromEnv(signal?: AbortSignal): UrlFetchOptions {
  const env = getEnv();
  return {
    maxBytes: env.UPLOAD_MAX_BYTES,
    connectTimeoutMs: env.URL_FETCH_CONNECT_TIMEOUT_SECONDS * 1000,
    totalTimeoutMs: env.URL_FETCH_TIMEOUT_SECONDS * 1000,
    maxRedirects: env.URL_FETCH_MAX_REDIRECTS,
    allowHosts: parseAllowedHosts(env.URL_FETCH_ALLOW_HOSTS),
    signal,
  };
}
