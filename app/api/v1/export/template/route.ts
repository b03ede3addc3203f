// GET /api/v1/export/template: the CSV template of a URL list (seed 004), as an attachment.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { templateQuerySchema } from "@/lib/batches/url-list/schemas";
import { URL_LIST_TEMPLATE_CSV, URL_LIST_TEMPLATE_FILE_NAME } from "@/lib/batches/url-list/template";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  parseQuery(request, templateQuerySchema);
  return new Response(`\uFEFF${URL_LIST_TEMPLATE_CSV}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${URL_LIST_TEMPLATE_FILE_NAME}"`,
      "cache-control": "no-store",
    },
  });
});
