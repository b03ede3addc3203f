import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { hasRole, type Role, type SessionUser } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/auth/session";
import { findNulPath, NUL_MESSAGE } from "@/lib/http/nul-bytes";
import { CSRF_REJECTED_MESSAGE, hasAllowedOrigin } from "@/lib/http/origin";
import { getLogger } from "@/lib/log/logger";
import { ApiError, type ApiErrorCode, type ApiErrorDetails } from "./errors";
import { apiErrorFromPrisma } from "./prisma-errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ApiErrorCode; message: string; details?: ApiErrorDetails; fieldErrors?: Record<string, string> };

const log = getLogger("CRUD");

/**
 * Every server action goes through this: refuse a request from a missing or foreign Origin (proxy.ts
 * already answers those with 403; this is the second line), check the user's role on the server,
 * validate the input (NUL in any string, then zod), run, and return a typed result instead of
 * throwing to the client.
 */
export function authorizedAction<S extends z.ZodType, T>(
  role: Role,
  schema: S,
  run: (input: z.infer<S>, user: SessionUser) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    // Next.js checks a server action's Origin only when the header is present.
    if (!hasAllowedOrigin(await headers())) return { ok: false, code: "CSRF_REJECTED", message: CSRF_REJECTED_MESSAGE };
    const user = await getCurrentUser();
    if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Sessão expirada. Entre novamente." };
    if (!hasRole(user.role, role))
      return { ok: false, code: "FORBIDDEN", message: "Seu perfil não tem permissão para esta ação." };
    const nulPath = findNulPath(input);
    if (nulPath !== null)
      return {
        ok: false,
        code: "VALIDATION_FAILED",
        message: "Dados inválidos.",
        fieldErrors: { [nulPath]: NUL_MESSAGE },
      };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
      return { ok: false, code: "VALIDATION_FAILED", message: "Dados inválidos.", fieldErrors };
    }
    try {
      return { ok: true, data: await run(parsed.data, user) };
    } catch (error) {
      const known = error instanceof ApiError ? error : apiErrorFromPrisma(error);
      if (known)
        return {
          ok: false,
          code: known.code,
          message: known.message,
          ...(known.details === undefined ? {} : { details: known.details }),
        };
      log.error(
        { action: "ACTION_FAILED", err: error instanceof Error ? error.message : String(error) },
        "Erro inesperado em ação",
      );
      return { ok: false, code: "INTERNAL", message: "Erro interno." };
    }
  };
}
