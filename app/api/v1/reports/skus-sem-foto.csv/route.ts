// GET /api/v1/reports/skus-sem-foto.csv?collectionId=&brandId=&categoria=&q=: "SKUs sem foto" streamed as CSV for Excel pt-BR.
import { apiHandler, parseQuery } from "@/lib/api/api-handler";
import { skusWithoutPhotoQuerySchema } from "@/lib/reports/skus-without-photo";
import { skusWithoutPhotoCsvStream } from "@/lib/reports/skus-without-photo-csv";

const filterSchema = skusWithoutPhotoQuerySchema.pick({ brandId: true, collectionId: true, categoria: true, q: true });

export const dynamic = "force-dynamic";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const filter = parseQuery(request, filterSchema);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(skusWithoutPhotoCsvStream(filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="skus-sem-foto-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
