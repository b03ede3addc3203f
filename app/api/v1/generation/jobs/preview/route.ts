// POST /api/v1/generation/jobs/preview: the same body as POST /jobs, parsed only → prompts, quantities, numbers, total; nothing stored.
import { apiHandler } from "@/lib/api/api-handler";
import { previewGenerationRequest } from "@/lib/generation/http";

export const runtime = "nodejs";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request }) => previewGenerationRequest(request));
