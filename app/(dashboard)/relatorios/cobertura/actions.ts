"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/api/authorized-action";
import { shotListActionSchema } from "@/lib/reports/shot-list/schemas";
import { saveShotList } from "@/lib/reports/shot-list/shot-list-config";

// The coverage page's angle editor (ADMIN only): replaces one shot list of a collection; saveShotList audits it.
export const saveShotListAction = authorizedAction("ADMIN", shotListActionSchema, async (input, user) => {
  const { collectionId, ...list } = input;
  const saved = await saveShotList(user, collectionId, list);
  revalidatePath("/relatorios/cobertura");
  revalidatePath("/");
  return { id: saved?.id ?? null };
});
