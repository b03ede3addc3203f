/**
 * The header through which the HTTP server (lib/server/create-app-server.ts) hands the caller's IP
 * to the app. The server sets it on every request from the socket (or from the trusted proxy hops
 * of X-Forwarded-For when TRUST_PROXY says so) and overwrites any value the client sent, so
 * nothing else in a request can choose the IP the rate limits and the audit log see.
 */
export const CLIENT_IP_HEADER = "x-vitrine-client-ip";

/** The caller's IP for rate limiting and audit, as computed by the server ("unknown" outside it). */
export function clientIpFromHeaders(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value) || "unknown";
}
