// GET /api/v1/settings: app settings (+ the analysis threshold/cap from the environment); PATCH (ADMIN) changes them, audited.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { getAppSettingsView, updateAppSettings } from "@/lib/settings/app-settings";
import { appSettingsPatchSchema } from "@/lib/settings/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async () => getAppSettingsView());

export const PATCH = apiHandler({ role: "ADMIN" }, async ({ request, user }) => {
  const patch = await readJson(request, appSettingsPatchSchema);
  return updateAppSettings(user, patch);
});
