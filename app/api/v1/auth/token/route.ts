// POST /api/v1/auth/token: {email, password} → {token} for scripts (rate-limited like the login form).
import { toErrorResponse } from "@/lib/api/api-handler";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { createApiToken } from "@/lib/auth/api-tokens";
import { loginWaitMessage } from "@/lib/auth/login-backoff";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { verifyCredentials } from "@/lib/auth/verify-credentials";

export async function POST(request: Request): Promise<Response> {
  try {
    const body: unknown = await request.json().catch(() => {
      throw new ApiError("BAD_REQUEST", "Corpo da requisição não é JSON válido.");
    });
    const result = await verifyCredentials(body, clientIpFromHeaders(request.headers));
    if (!result.ok && result.reason === "RATE_LIMITED") {
      const wait = result.retryAfterSeconds;
      return errorResponse(new ApiError("RATE_LIMITED", loginWaitMessage(wait)), { "Retry-After": String(wait) });
    }
    if (!result.ok) throw new ApiError("UNAUTHENTICATED", "E-mail ou senha inválidos.");
    const name = typeof (body as { name?: unknown }).name === "string" ? String((body as { name: string }).name).slice(0, 100) : "API";
    const { token, id } = await createApiToken(result.user.id, name);
    return Response.json({ token, id, user: result.user }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
