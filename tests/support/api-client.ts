import { createApiToken } from "@/lib/auth/api-tokens";
import { createTestUser } from "./users";

/** An API token for a fresh user of the given role, for calling route handlers directly. */
export async function apiTokenFor(role: "ADMIN" | "EDITOR" | "VIEWER" = "EDITOR") {
  const user = await createTestUser(role);
  const { token } = await createApiToken(user.id, "test");
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export function uploadForm(files: { name: string; bytes: Buffer; uploadId?: string; path?: string }[]): FormData {
  const form = new FormData();
  for (const file of files) {
    if (file.uploadId) form.append("uploadId", file.uploadId);
    if (file.path) form.append("path", file.path);
    form.append("file", new Blob([new Uint8Array(file.bytes)], { type: "image/jpeg" }), file.name);
  }
  return form;
}
