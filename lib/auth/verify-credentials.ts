import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { getLogger, logAction } from "@/lib/log/logger";
import { clearFailedLogins, isLoginBlocked, recordFailedLogin } from "./login-rate-limit";
import { verifyPassword } from "./password";
import type { SessionUser } from "./roles";

const log = getLogger("AUTH");

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export type CredentialsResult = { ok: true; user: SessionUser } | { ok: false; reason: "INVALID" | "RATE_LIMITED" };

/** Checks e-mail + password for the login form and POST /api/v1/auth/token. Failures are generic and counted. */
export async function verifyCredentials(input: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;

  if (await isLoginBlocked(email, ip)) {
    logAction(log, "warn", "LOGIN_RATE_LIMITED", "Login bloqueado por excesso de tentativas", { email, ip });
    return { ok: false, reason: "RATE_LIMITED" };
  }
  const user = await getPrisma().user.findUnique({ where: { email } });
  const isValid = await verifyPassword(password, user?.passwordHash);
  if (!user || !isValid || !user.isActive) {
    await recordFailedLogin(email, ip);
    logAction(log, "warn", "LOGIN_FAILED", "Falha de login", { email, ip });
    return { ok: false, reason: "INVALID" };
  }
  await clearFailedLogins(email);
  await getPrisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  logAction(log, "info", "LOGIN_OK", "Login bem-sucedido", { userId: user.id, ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
