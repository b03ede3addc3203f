import { getEnv } from "@/lib/config/env";

/** What a refused request is told (API 403 body, server action result, proxy 403). */
export const CSRF_REJECTED_MESSAGE = "Origem da requisição ausente ou não permitida.";

export type OriginConfig = { urls: (string | undefined)[]; trustProxy: number };

const lastListValue = (value: string | null): string | undefined => value?.split(",").pop()?.trim() || undefined;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The origins the app is served from: NEXTAUTH_URL and APP_URL. Request headers are believed only
 * behind a trusted proxy (TRUST_PROXY ≥ 1), and then only what the nearest proxy wrote (the last
 * X-Forwarded-Host / X-Forwarded-Proto value) — `Host` alone is never enough, any client can set it.
 */
export function allowedOrigins(headers: Headers, config: OriginConfig): Set<string> {
  const allowed = new Set<string>();
  for (const url of config.urls) {
    const origin = url ? originOf(url) : undefined;
    if (origin) allowed.add(origin);
  }
  if (config.trustProxy >= 1) {
    const host = lastListValue(headers.get("x-forwarded-host"));
    const proto = lastListValue(headers.get("x-forwarded-proto"));
    if (host)
      for (const scheme of proto ? [proto] : ["http", "https"]) {
        const origin = originOf(`${scheme}://${host}`);
        if (origin) allowed.add(origin);
      }
  }
  return allowed;
}

/** True when the request's `Origin` is one of ours; a missing, `null` or malformed Origin is refused. */
export function hasAllowedOrigin(headers: Headers, config: OriginConfig = originConfigFromEnv()): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  const parsed = originOf(origin);
  return parsed !== undefined && allowedOrigins(headers, config).has(parsed);
}

export function originConfigFromEnv(): OriginConfig {
  const env = getEnv();
  return { urls: [env.NEXTAUTH_URL, env.APP_URL], trustProxy: env.TRUST_PROXY };
}
