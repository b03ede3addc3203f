/**
 * Parses a Cookie header without ever throwing: any site on the same domain (analytics, another
 * app) can set a cookie whose value is not valid percent-encoding (`_ga=100%`), and one such
 * cookie must not break authentication. An undecodable value is kept as sent; the last of two
 * cookies with the same name wins, as in Next.js' own parser.
 */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    if (!name) continue;
    cookies.set(name, safeDecode(raw));
  }
  return cookies;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
