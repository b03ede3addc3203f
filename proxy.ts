import { NextResponse, type NextRequest } from "next/server";
import { CSRF_REJECTED_MESSAGE, hasAllowedOrigin } from "@/lib/http/origin";
import { blobApiConnectSources, pageContentSecurityPolicy } from "@/lib/http/security-headers";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Not an authorization layer (pages, actions and routes check the user themselves). For every
 * page request it:
 * - refuses a mutation (a server action's POST) whose Origin is missing or not ours with a clean
 *   403 — Next.js checks the Origin of a server action only when the header is present;
 * - sets the Content-Security-Policy with a fresh nonce (Next.js reads it from the request header
 *   and puts it on its scripts; every page is rendered per request, so each gets its own);
 * - passes the requested path on, so a sign-in redirect can come back to it.
 */
export function proxy(request: NextRequest) {
  if (!SAFE_METHODS.has(request.method) && !hasAllowedOrigin(request.headers)) {
    return NextResponse.json({ error: "CSRF_REJECTED", message: CSRF_REJECTED_MESSAGE }, { status: 403 });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  // With Vercel Blob the batch page uploads straight to the store's API (lib/batches/direct-upload).
  const connectSources = blobApiConnectSources(process.env);
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development", connectSources);
  const headers = new Headers(request.headers);
  headers.set("x-vitrine-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Everything but the API (it answers for itself) and Next's build assets: a server action can be
// posted to any path, so no page path may be left out.
export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image).*)"],
};
