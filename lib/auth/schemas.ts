import { z } from "zod";
import { credentialsSchema } from "./verify-credentials";

/** POST /api/v1/auth/token: the login credentials plus an optional label for the token ("API" when absent). */
export const apiTokenRequestSchema = credentialsSchema.extend({
  name: z.string().trim().min(1).max(100).optional(),
});
