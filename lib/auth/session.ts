import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { loadSessionUser } from "./load-session-user";
import { hasRole, type Role, type SessionUser } from "./roles";
import { decodeSessionCookie, readSessionCookie } from "./session-token";

/** The signed-in user re-read from the database (a disabled user gets null), or null. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const token = await decodeSessionCookie(readSessionCookie((name) => jar.get(name)?.value));
  return loadSessionUser(token);
}

/** For pages and server actions: redirects to /login when signed out, 403 (forbidden()) when the role is too low. */
export async function requireUser(minRole: Role = "VIEWER"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    const path = (await headers()).get("x-vitrine-path") ?? "/";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  if (!hasRole(user.role, minRole)) forbidden();
  return user;
}
