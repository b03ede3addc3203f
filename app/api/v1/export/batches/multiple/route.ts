// POST /api/v1/export/batches/multiple {batch_ids, format, metadata}: a ZIP with one file per batch, streamed (seed 004).
// GET ?batch_ids=a,b&format&metadata: the same ZIP as a download link (the Lotes page's "Exportar N lotes").
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { multipleBatchExport } from "@/lib/export/batch-export-api";
import { multipleBatchExportQuerySchema, multipleBatchExportSchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) =>
  zipResponse(await multipleBatchExport(user, await readJson(request, multipleBatchExportSchema))),
);

export const GET = apiHandler({ role: "VIEWER" }, async ({ request, user }) =>
  zipResponse(await multipleBatchExport(user, parseQuery(request, multipleBatchExportQuerySchema))),
);

function zipResponse({ stream, name }: { stream: ReadableStream<Uint8Array>; name: string }): Response {
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}-${date}.zip"`,
      "Cache-Control": "no-store",
    },
  });
}
