import type { JWT } from "next-auth/jwt";
import { getPrisma } from "@/lib/db/client";
import type { SessionUser } from "./roles";

/**
 * The user behind a session token, re-read so that disabling a user or resetting a password takes
 * effect on the next request — and stays in effect: sessions signed in before `sessionsValidFrom`
 * (set by a reset and by a disable) are void, so re-enabling a user does not revive them.
 */
export async function loadSessionUser(token: JWT | null): Promise<SessionUser | null> {
  if (!token?.sub) return null;
  const user = await getPrisma().user.findUnique({ where: { id: token.sub } });
  if (!user || !user.isActive) return null;
  // `iat` has second precision and is reset on every refresh, so the sign-in time is carried in
  // milliseconds by the jwt callback.
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  if (signedInAt < user.sessionsValidFrom.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
