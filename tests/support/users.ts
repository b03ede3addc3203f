import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";

let counter = 0;

export async function createTestUser(role: Role = "EDITOR", password = "senha-segura-123") {
  counter += 1;
  const email = `user${counter}-${Date.now()}@teste.local`;
  const user = await getPrisma().user.create({
    data: { email, role, name: `Teste ${counter}`, passwordHash: await hashPassword(password) },
  });
  return { ...user, password };
}
