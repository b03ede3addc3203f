// POST /api/v1/auth/token: {email, password, name?} → {token} for scripts (rate-limited like the login form).
import { readJson, toErrorResponse } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { createApiToken } from "@/lib/auth/api-tokens";
import { loginWaitMessage } from "@/lib/auth/login-backoff";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { apiTokenRequestSchema } from "@/lib/auth/schemas";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

// Not wrapped in apiHandler: this is how a caller obtains credentials, so it cannot require them.
export async function POST(request: Request): Promise<Response> {
  try {
    // Bounded and parsed before any credential work: an unauthenticated caller cannot make the server hold a huge body.
    const { email, password, name } = await readJson(request, apiTokenRequestSchema);
    const result = await verifyCredentials({ email, password }, clientIpFromHeaders(request.headers));
    if (!result.ok && result.reason === "RATE_LIMITED") {
      const wait = result.retryAfterSeconds;
      throw new ApiError("RATE_LIMITED", loginWaitMessage(wait), undefined, { "Retry-After": String(wait) });
    }
    if (!result.ok) throw new ApiError("UNAUTHENTICATED", "E-mail ou senha inválidos.");
    const { token, id } = await createApiToken(result.user.id, name ?? "API");
    return Response.json({ token, id, user: result.user }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
