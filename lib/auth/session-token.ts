import { decode, type JWT } from "next-auth/jwt";

/** next-auth v4 cookie names: the __Secure- variant is used when the site runs on https. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Decodes the session cookie. No secret, a wrong secret, an expired or tampered token: all
 * give null, so a misconfiguration denies access instead of letting requests through.
 */
export async function decodeSessionCookie(value: string | undefined): Promise<JWT | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!value || !secret) return null;
  try {
    const token = await decode({ token: value, secret });
    return token?.sub ? token : null;
  } catch {
    return null;
  }
}

export function readSessionCookie(get: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const value = get(name);
    if (value) return value;
  }
  return undefined;
}
