// GET /api/v1/products/groups: the catalog's por SKU groups under the image filters (keyset pages of groups).
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { listSkuGroups } from "@/lib/products/list-sku-groups";
import { skuGroupsQuerySchema } from "@/lib/products/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listSkuGroups(parseQuery(request, skuGroupsQuerySchema)),
);
