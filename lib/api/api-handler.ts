import { z } from "zod";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { hasRole, type Role, type SessionUser } from "@/lib/auth/roles";
import { assertNoNul } from "@/lib/http/nul-bytes";
import { readBoundedBody, readJsonBody } from "@/lib/http/read-json-body";
import { getEnv } from "@/lib/config/env";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import { getLogger } from "@/lib/log/logger";
import { authenticateRequest, type ApiCaller } from "./authenticate-request";
import { ApiError, errorResponse } from "./errors";
import { apiErrorFromPrisma } from "./prisma-errors";
import { consumeApiRateLimit, withRateLimitHeaders, type RateLimitState } from "./rate-limit";

const log = getLogger("API");

type Context<P> = { request: Request; user: SessionUser; params: P };

/**
 * Every /api/v1 handler goes through this: authenticate (Bearer or cookie), count the request
 * against the rate limits (per IP and per token; failed authentications count against the IP),
 * check the role on the server, run, and turn any error into JSON with a stable code (never a
 * stack trace).
 */
export function apiHandler<P = Record<string, string>>(
  options: { role: Role },
  handler: (context: Context<P>) => Promise<Response | unknown>,
) {
  return async (request: Request, routeContext: { params: Promise<P> }): Promise<Response> => {
    let rate: RateLimitState | null = null;
    try {
      const ip = clientIpFromHeaders(request.headers);
      let caller: ApiCaller;
      try {
        caller = await authenticateRequest(request);
      } catch (error) {
        await consumeApiRateLimit({ ip });
        throw error;
      }
      rate = await consumeApiRateLimit({ ip, tokenHash: caller.tokenHash });
      const { user } = caller;
      if (!hasRole(user.role, options.role))
        throw new ApiError("FORBIDDEN", "Seu perfil não tem permissão para esta ação.");
      const params = (await routeContext.params) ?? ({} as P);
      const result = await handler({ request, user, params });
      return withRateLimitHeaders(result instanceof Response ? result : Response.json(result), rate);
    } catch (error) {
      return withRateLimitHeaders(toErrorResponse(error), rate);
    }
  };
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error);
  const known = apiErrorFromPrisma(error);
  if (known) return errorResponse(known);
  // Database down or restarting (the launcher restarts it within seconds): temporary, say when to retry.
  if (isDatabaseUnavailable(error)) {
    log.warn({ action: "DATABASE_UNAVAILABLE" }, "Banco de dados indisponível");
    return errorResponse(
      new ApiError(
        "SERVICE_UNAVAILABLE",
        "Banco de dados indisponível no momento. Tente novamente em instantes.",
        undefined,
        { "Retry-After": "5" },
      ),
    );
  }
  log.error(
    {
      action: "UNHANDLED",
      err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    },
    "Erro inesperado na API",
  );
  return errorResponse(new ApiError("INTERNAL", "Erro interno."));
}

/**
 * Parses a JSON body with a zod schema: bounded (413 beyond JSON_BODY_MAX_BYTES or `maxBytes`),
 * NUL refused in any string, and a bad body is a 400 with the field errors.
 */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<z.infer<S>> {
  const body = await readJsonBody(request, options);
  assertNoNul(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      "VALIDATION_FAILED",
      "Dados inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}

/** Like `readJson`, for a body that may be left out: no body (or an empty one) is `{}` checked by the schema. */
export async function readOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const declared = request.headers.get("content-length");
  if (!request.body || declared === "0") return parseBody({}, schema);
  const bytes = await readBoundedBody(request, getEnv().JSON_BODY_MAX_BYTES);
  const text = new TextDecoder().decode(bytes).trim();
  if (text === "") return parseBody({}, schema);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("BAD_REQUEST", "Corpo da requisição não é JSON válido.");
  }
  assertNoNul(body);
  return parseBody(body, schema);
}

function parseBody<S extends z.ZodType>(body: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      "VALIDATION_FAILED",
      "Dados inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}

/** A route's `[id]` segment: anything that is not a UUID cannot name a row, so it is a 404. */
export function parseRouteId(raw: string | undefined, notFoundMessage: string): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError("NOT_FOUND", notFoundMessage);
  return id.data;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertNoNul(params);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new ApiError(
      "VALIDATION_FAILED",
      "Parâmetros inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return parsed.data;
}
