// POST /api/v1/images/duplicates/decisions: "manter este" (keep one, the others marked as its duplicates) or "manter todos" (distinct for good).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { decideDuplicates } from "@/lib/duplicates/decide-duplicates";
import { duplicateDecisionSchema } from "@/lib/duplicates/schemas";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) =>
  decideDuplicates(user, await readJson(request, duplicateDecisionSchema)),
);
