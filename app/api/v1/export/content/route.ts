// GET /api/v1/export/content?<catalog filters> | ?imageIds=a,b: the photos' AI content as CSV (Excel pt-BR, formula-safe), streamed.
import { contentCsvStream } from "@/lib/ai/content/export-content-csv";
import { contentExportQuerySchema } from "@/lib/ai/content/schemas";
import { apiHandler, parseQuery } from "@/lib/api/api-handler";

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const query = parseQuery(request, contentExportQuerySchema);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(contentCsvStream(query), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conteudo-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
