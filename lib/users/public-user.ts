import "server-only";
/** The user fields the API and the admin page may show (never the password hash). */
export const publicUser = {
  id: true,
  email: true,
  name: true,
  role: true,
  isActive: true,
  createdAt: true,
  lastLoginAt: true,
} as const;
