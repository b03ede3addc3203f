// Security headers in one place: next.config.ts sets the static ones on every response (and the
// API's CSP), proxy.ts sets the pages' CSP with a fresh nonce per request. No imports, so
// next.config.ts can load this file on its own.

/** Sent with every response, pages, API and static files alike. */
export const COMMON_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/**
 * API answers are data, never a document to render: nothing may load or frame them. `sandbox` too,
 * because this header replaces a route's own (an uploaded original is served with a sandbox CSP).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * The pages' policy. Next.js reads the nonce from this header on the request and puts it on its
 * own scripts; 'strict-dynamic' lets those load their chunks. Style *attributes* (progress bar
 * widths, virtual list offsets rendered on the server) need 'unsafe-inline' in style-src-attr;
 * style elements still need the nonce. Development adds what React's dev tooling and Next's
 * hot reload need ('unsafe-eval', inline style elements).
 */
/**
 * Where the browser PUTs a direct upload (`@vercel/blob/client`'s API), allowed by the pages' CSP
 * when the store is Vercel Blob: Vercel's API, or VERCEL_BLOB_API_URL's origin when set.
 */
export function blobApiConnectSources(env: Record<string, string | undefined>): string[] {
  if (!env.BLOB_READ_WRITE_TOKEN?.trim()) return [];
  try {
    return [new URL(env.VERCEL_BLOB_API_URL || "https://vercel.com/api/blob").origin];
  } catch {
    return [];
  }
}

export function pageContentSecurityPolicy(
  nonce: string,
  isDevelopment: boolean,
  connectSources: readonly string[] = [],
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${isDevelopment ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(" "),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // The dry run hashes files in a Web Worker from our own chunks ('strict-dynamic' leaves workers no source).
    "worker-src 'self'",
  ].join("; ");
}
