import "server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/db/client";
import { getLogger, logAction } from "@/lib/log/logger";
import { beginLoginAttempt, recordSuccessfulLogin } from "./login-rate-limit";
import { maskEmail } from "./mask-email";
import { verifyPassword } from "./password";
import type { SessionUser } from "./roles";

const log = getLogger("AUTH");

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

export type CredentialsResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "INVALID" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * Checks e-mail + password for the login form and POST /api/v1/auth/token. Failures are generic
 * and make the next attempt wait longer (lib/auth/login-rate-limit.ts); logs never carry the typed
 * e-mail verbatim, only its masked form.
 */
export async function verifyCredentials(input: unknown, ip: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "INVALID" };
  const { email, password } = parsed.data;

  const gate = await beginLoginAttempt(email, ip);
  if (!gate.ok) {
    logAction(log, "warn", "LOGIN_RATE_LIMITED", "Login adiado por excesso de tentativas", {
      email: maskEmail(email),
      ip,
      retryAfterSeconds: gate.retryAfterSeconds,
    });
    return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: gate.retryAfterSeconds };
  }
  const user = await getPrisma().user.findUnique({ where: { email } });
  const isValid = await verifyPassword(password, user?.passwordHash);
  if (!user || !isValid || !user.isActive) {
    logAction(log, "warn", "LOGIN_FAILED", "Falha de login", { email: maskEmail(email), ip });
    return { ok: false, reason: "INVALID" };
  }
  await recordSuccessfulLogin(gate.attempt);
  await getPrisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  logAction(log, "info", "LOGIN_OK", "Login bem-sucedido", { userId: user.id, ip });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
