import crypto from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import type { SessionUser } from "./roles";

/**
 * API tokens: `vit_` + 32 random bytes. Only a SHA-256 is stored (a random 256-bit token needs no
 * slow hash); the first characters are kept to tell tokens apart in the UI.
 */
const TOKEN_PATTERN = /^vit_[A-Za-z0-9_-]{43}$/;

export function hashApiToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(userId: string, name: string): Promise<{ id: string; token: string }> {
  const token = `vit_${crypto.randomBytes(32).toString("base64url")}`;
  const row = await getPrisma().apiToken.create({
    data: { userId, name, tokenHash: hashApiToken(token), prefix: token.slice(0, 10) },
  });
  return { id: row.id, token };
}

export function listApiTokens(userId: string) {
  return getPrisma().apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

/** Revokes one of the user's own tokens; false when there is no such active token. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const result = await getPrisma().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

/** The active user behind a Bearer token, or null for a malformed, unknown, revoked or expired token. */
export async function authenticateApiToken(token: string): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await getPrisma().apiToken.findUnique({ where: { tokenHash: hashApiToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt < new Date()) || !row.user.isActive) return null;
  // Last-use time is informative only; at most one write a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await getPrisma().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { user } = row;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
