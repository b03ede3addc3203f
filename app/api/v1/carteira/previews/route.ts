// POST /api/v1/carteira/previews: multipart carteira → header row, detected mapping, first 20 rows per sheet.
import { apiHandler } from "@/lib/api/api-handler";
import { parseErrorResponse, readCarteiraUpload } from "@/lib/carteira/import/http";
import { previewCarteiraUpload } from "@/lib/carteira/import/preview-carteira-upload";

export const runtime = "nodejs";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request }) => {
  try {
    const upload = await readCarteiraUpload(request);
    return await previewCarteiraUpload(upload);
  } catch (error) {
    return parseErrorResponse(error);
  }
});
