"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { updateAppSettings } from "@/lib/settings/app-settings";
import { appSettingsPatchSchema } from "@/lib/settings/schemas";

// The settings page's "Texto na foto" panel (ADMIN only; lib/settings audits each change).
export const updateTextSettingsAction = authorizedAction("ADMIN", appSettingsPatchSchema, async (input, user) => {
  const settings = await updateAppSettings(user, input);
  revalidatePath("/configuracoes");
  return settings;
});
