// POST /api/v1/auth/token: {email, password} → {token} for scripts (rate-limited like the login form).
import { toErrorResponse } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { createApiToken } from "@/lib/auth/api-tokens";
import { loginWaitMessage } from "@/lib/auth/login-backoff";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { assertNoNul } from "@/lib/http/nul-bytes";
import { readJsonBody } from "@/lib/http/read-json-body";

export async function POST(request: Request): Promise<Response> {
  try {
    // Bounded and checked before any credential work: an unauthenticated caller cannot make the server hold a huge body.
    const body = await readJsonBody(request);
    assertNoNul(body);
    const result = await verifyCredentials(body, clientIpFromHeaders(request.headers));
    if (!result.ok && result.reason === "RATE_LIMITED") {
      const wait = result.retryAfterSeconds;
      throw new ApiError("RATE_LIMITED", loginWaitMessage(wait), undefined, { "Retry-After": String(wait) });
    }
    if (!result.ok) throw new ApiError("UNAUTHENTICATED", "E-mail ou senha inválidos.");
    const name = typeof (body as { name?: unknown }).name === "string" ? String((body as { name: string }).name).slice(0, 100) : "API";
    const { token, id } = await createApiToken(result.user.id, name);
    return Response.json({ token, id, user: result.user }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
