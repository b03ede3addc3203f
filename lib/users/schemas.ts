import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "E-mail inválido." }));
export const passwordSchema = z.string().min(8, "A senha precisa de pelo menos 8 caracteres.").max(200);
export const roleSchema = z.enum(ROLES);

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(120).optional().transform((v) => v || null),
  password: passwordSchema,
  role: roleSchema,
});

export const updateUserSchema = z.object({
  userId: z.uuid(),
  role: roleSchema.optional(),
  isActive: z.boolean().optional(),
});

export const resetPasswordSchema = z.object({ userId: z.uuid(), password: passwordSchema });
