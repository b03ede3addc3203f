import { test as setup } from "@playwright/test";
import { E2E_ADMIN } from "../../playwright.config";
import { ADMIN_STATE, signInViaApi } from "./support/api";

setup("sign in the admin through the API", async ({ request }) => {
  await signInViaApi(request, E2E_ADMIN.email, E2E_ADMIN.password);
  await request.storageState({ path: ADMIN_STATE });
});
