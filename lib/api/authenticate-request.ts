import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { loadSessionUser } from "@/lib/auth/load-session-user";
import type { SessionUser } from "@/lib/auth/roles";
import { decodeSessionCookie, readSessionCookie } from "@/lib/auth/session-token";
import { ApiError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function parseCookies(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index > 0) map.set(part.slice(0, index).trim(), decodeURIComponent(part.slice(index + 1).trim()));
  }
  return map;
}

/** Cookie-authenticated mutations must come from our own origin; a missing or `null` Origin is refused. */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || origin === "null" || !host) throw new ApiError("CSRF_REJECTED", "Origem da requisição ausente ou não permitida.");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError("CSRF_REJECTED", "Origem da requisição inválida.");
  }
  const allowed = new Set([host]);
  if (process.env.NEXTAUTH_URL) allowed.add(new URL(process.env.NEXTAUTH_URL).host);
  if (!allowed.has(originHost)) throw new ApiError("CSRF_REJECTED", "Origem da requisição não permitida.");
}

/** The caller of an API request: a Bearer token, or the session cookie (with an Origin check on mutations). */
export async function authenticateRequest(request: Request): Promise<SessionUser> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const user = match ? await authenticateApiToken(match[1]!) : null;
    if (!user) throw new ApiError("INVALID_TOKEN", "Token de API inválido, expirado ou revogado.");
    return user;
  }
  const cookies = parseCookies(request.headers.get("cookie"));
  const token = await decodeSessionCookie(readSessionCookie((name) => cookies.get(name)));
  const user = await loadSessionUser(token);
  if (!user) throw new ApiError("UNAUTHENTICATED", "Autenticação necessária.");
  if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
  return user;
}
