import crypto from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { getPrisma } from "@/lib/db/client";

/**
 * First start: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD, or with a generated password
 * that the caller prints once. Does nothing when any user exists.
 */
export async function ensureInitialAdmin(options: {
  email?: string;
  password?: string;
}): Promise<{ created: false } | { created: true; email: string; generatedPassword: string | null }> {
  const prisma = getPrisma();
  if ((await prisma.user.count()) > 0) return { created: false };
  const email = (options.email ?? "admin@vitrine.local").toLowerCase();
  const generatedPassword = options.password ? null : crypto.randomBytes(12).toString("base64url");
  const password = options.password ?? generatedPassword!;
  await prisma.user.create({
    data: { email, name: "Administrador", role: "ADMIN", passwordHash: await hashPassword(password) },
  });
  return { created: true, email, generatedPassword };
}
