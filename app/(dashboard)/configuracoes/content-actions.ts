"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { clearBrandExamples, updateBrandContentSettings } from "@/lib/ai/content/brand-content-settings";
import { brandContentSettingsInputSchema } from "@/lib/ai/content/schemas";
import { authorizedAction } from "@/lib/api/authorized-action";

// The settings page's "Conteúdo por marca" panel: EDITOR and up (the people who write and correct
// the texts decide their tone and what the brand's prompts learn from); audited in lib/ai/content.
export const saveBrandContentSettingsAction = authorizedAction(
  "EDITOR",
  brandContentSettingsInputSchema,
  async (input, user) => {
    await updateBrandContentSettings(user, input);
    revalidatePath("/configuracoes");
    return { brandId: input.brandId };
  },
);

export const clearBrandExamplesAction = authorizedAction(
  "EDITOR",
  z.object({ brandId: z.uuid() }),
  async ({ brandId }, user) => {
    await clearBrandExamples(user, brandId);
    revalidatePath("/configuracoes");
    return { brandId };
  },
);
