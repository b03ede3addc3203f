import { authenticateApiToken, hashApiToken } from "@/lib/auth/api-tokens";
import { loadSessionUser } from "@/lib/auth/load-session-user";
import type { SessionUser } from "@/lib/auth/roles";
import { decodeSessionCookie, readSessionCookie } from "@/lib/auth/session-token";
import { parseCookieHeader } from "@/lib/http/parse-cookies";
import { CSRF_REJECTED_MESSAGE, hasAllowedOrigin } from "@/lib/http/origin";
import { ApiError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Who made an API request; `tokenHash` is set for Bearer tokens (the per-token rate limit's key). */
export type ApiCaller = { user: SessionUser; tokenHash: string | null };

/** The caller of an API request: a Bearer token, or the session cookie (with an Origin check on mutations). */
export async function authenticateRequest(request: Request): Promise<ApiCaller> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const user = match ? await authenticateApiToken(match[1]!) : null;
    if (!user) throw new ApiError("INVALID_TOKEN", "Token de API inválido, expirado ou revogado.");
    return { user, tokenHash: hashApiToken(match![1]!) };
  }
  const cookies = parseCookieHeader(request.headers.get("cookie"));
  const token = await decodeSessionCookie(readSessionCookie((name) => cookies.get(name)));
  const user = await loadSessionUser(token);
  if (!user) throw new ApiError("UNAUTHENTICATED", "Autenticação necessária.");
  // Cookies ride along with cross-site requests: a mutation must come from one of our origins.
  if (!SAFE_METHODS.has(request.method) && !hasAllowedOrigin(request.headers)) {
    throw new ApiError("CSRF_REJECTED", CSRF_REJECTED_MESSAGE);
  }
  return { user, tokenHash: null };
}
