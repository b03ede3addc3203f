// GET /api/v1/images/duplicates: groups of possible near-duplicates (open pairs), filtered by collection / batch / brand, keyset-paged.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { listDuplicateGroups } from "@/lib/duplicates/list-duplicate-groups";
import { duplicateGroupsQuerySchema } from "@/lib/duplicates/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listDuplicateGroups(parseQuery(request, duplicateGroupsQuerySchema)),
);
