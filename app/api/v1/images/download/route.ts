// POST /api/v1/images/download {selection: {imageIds} | {filter}}: the originals as a streamed ZIP (≤ 500 files, ≤ 2 GiB, refused before streaming).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { downloadZip } from "@/lib/images/bulk/download-zip";
import { zipDownloadInputSchema } from "@/lib/images/bulk/schemas";

export const POST = apiHandler({ role: "VIEWER" }, async ({ request }) => {
  const { selection } = await readJson(request, zipDownloadInputSchema, { maxBytes: 256 * 1024 });
  return downloadZip(selection, request.signal);
});
