export const ADMIN_STATE = "test-results/e2e/admin-state.json";

import type { APIRequestContext, Page } from "@playwright/test";

/** Signs in through next-auth's credentials endpoint (no UI), leaving the session cookie in the context. */
export async function signInViaApi(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in failed: ${response.status()}`);
}

/** Creates a user through the admin API using the admin's session of `page`. */
export async function createUserAsAdmin(
  page: Page,
  user: { email: string; password: string; role: "ADMIN" | "EDITOR" | "VIEWER"; name?: string },
) {
  const response = await page.request.post("/api/v1/users", {
    data: user,
    headers: { origin: new URL(page.url() || "http://localhost").origin },
  });
  if (![201, 409].includes(response.status()))
    throw new Error(`create user failed: ${response.status()} ${await response.text()}`);
}
