// POST /api/v1/export/batches/multiple {batch_ids, format, metadata}: a ZIP with one file per batch, streamed (seed 004).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { multipleBatchExport } from "@/lib/export/batch-export-api";
import { multipleBatchExportSchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { stream, name } = await multipleBatchExport(user, await readJson(request, multipleBatchExportSchema));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}-${date}.zip"`,
      "Cache-Control": "no-store",
    },
  });
});
