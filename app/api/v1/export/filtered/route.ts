// POST /api/v1/export/filtered {filters, format, limit?, metadata?, separator?}: the catalog's filtered photos, streamed in the format asked for.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { filteredExport } from "@/lib/export/filtered-export";
import { exportHeaders } from "@/lib/export/formats";
import { filteredExportSchema } from "@/lib/export/schemas";

export const dynamic = "force-dynamic";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request, user }) => {
  const { format, stream } = await filteredExport(user, await readJson(request, filteredExportSchema));
  return new Response(stream, { headers: exportHeaders(format, "catalogo") });
});
