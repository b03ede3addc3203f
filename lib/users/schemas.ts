import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "E-mail inválido." }));
export const passwordSchema = z.string().min(8, "A senha precisa de pelo menos 8 caracteres.").max(200);
export const roleSchema = z.enum(ROLES);

export const createUserSchema = z.object({
  email: emailSchema,
  name: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  password: passwordSchema,
  role: roleSchema,
});

/** One change to a user: any of role, active flag and new password, checked and written together (lib/users/update-user.ts). */
export const updateUserSchema = z.object({
  userId: z.uuid(),
  role: roleSchema.optional(),
  isActive: z.boolean().optional(),
  password: passwordSchema.optional(),
});

export const resetPasswordSchema = z.object({ userId: z.uuid(), password: passwordSchema });

export const revokeUserTokenSchema = z.object({ userId: z.uuid(), tokenId: z.uuid() });
export const revokeAllUserTokensSchema = z.object({ userId: z.uuid() });
