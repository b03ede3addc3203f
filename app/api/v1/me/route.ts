// GET /api/v1/me: the authenticated caller.
import { apiHandler } from "@/lib/api/api-handler";

export const GET = apiHandler({ role: "VIEWER" }, async ({ user }) => ({ user }));
