import { createApiToken } from "@/lib/auth/api-tokens";
import { startCarteiraImport } from "@/lib/carteira/import/start-carteira-import";
import type { ImportForm } from "@/lib/carteira/import/schemas";
import type { ImportSummary } from "@/lib/carteira/import/types";
import { createTestUser } from "../../support/users";

/** Imports in the request path (no job), as the API does for small files. */
export async function importSync(
  bytes: Uint8Array,
  fileName: string,
  userId: string | null,
  form: ImportForm = {},
): Promise<ImportSummary> {
  const started = await startCarteiraImport({ bytes, fileName, userId, form }, { forceMode: "sync" });
  if (started.mode !== "sync") throw new Error("expected a sync import");
  return started.summary;
}

export async function apiUser(role: "EDITOR" | "VIEWER" | "ADMIN" = "EDITOR") {
  const user = await createTestUser(role);
  const { token } = await createApiToken(user.id, "carteira-tests");
  return { user, headers: { authorization: `Bearer ${token}` } };
}

export function multipart(fields: Record<string, string | { bytes: Uint8Array; name: string }>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") form.set(key, value);
    else form.set(key, new File([value.bytes as BlobPart], value.name));
  }
  return form;
}

// Route handlers differ in their params type; tests pass whatever the route expects.
type RouteHandler = (request: Request, ctx: { params: Promise<never> }) => Promise<Response>;

export function callRoute(handler: RouteHandler, url: string, init: RequestInit, params: Record<string, string> = {}) {
  return handler(new Request(`http://localhost:3000${url}`, init), {
    params: Promise.resolve(params) as Promise<never>,
  });
}
