import crypto from "node:crypto";
import { getPrisma } from "@/lib/db/client";
import type { Role, SessionUser } from "./roles";

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

type Db = Pick<ReturnType<typeof getPrisma>, "apiToken">;

/** Revokes one of the user's tokens; false when the user has no such active token. */
export async function revokeApiToken(userId: string, tokenId: string, db: Db = getPrisma()): Promise<boolean> {
  const result = await db.apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count > 0;
}

/** Revokes every active token of the user (inside the caller's transaction when one is passed); the ids revoked. */
export async function revokeAllApiTokens(userId: string, db: Db = getPrisma(), now = new Date()): Promise<string[]> {
  const revoked = await db.apiToken.updateManyAndReturn({
    where: { userId, revokedAt: null },
    data: { revokedAt: now },
    select: { id: true },
  });
  return revoked.map((t) => t.id);
}

/** The active user behind a Bearer token, or null for a malformed, unknown, revoked or expired token. */
export async function authenticateApiToken(token: string): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  // One round trip per API request (every upload makes one): the token, its user, and the checks.
  const rows = await getPrisma().$queryRaw<
    { tokenId: string; lastUsedAt: Date | null; id: string; email: string; name: string | null; role: Role }[]
  >`
    SELECT t."id"::text AS "tokenId", t."lastUsedAt", u."id"::text AS "id", u."email", u."name", u."role"::text AS "role"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" >= now()) AND u."isActive"`;
  const row = rows[0];
  if (!row) return null;
  // Last-use time is informative only; at most one write a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await getPrisma().apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
