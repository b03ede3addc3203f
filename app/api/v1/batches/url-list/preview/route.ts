// POST /api/v1/batches/url-list/preview: multipart `file` (CSV/TXT of URLs) → counts, first invalid lines, first valid rows; nothing stored.
import { apiHandler } from "@/lib/api/api-handler";
import { previewUrlListRequest } from "@/lib/batches/url-list/http";

export const runtime = "nodejs";
export const maxDuration = 300;

export const POST = apiHandler({ role: "EDITOR" }, async ({ request }) => previewUrlListRequest(request));
