// POST /api/v1/direct-uploads/callback: Vercel Blob's completion callback for a direct upload (no session; signed by the store).
import { toErrorResponse } from "@/lib/api/api-handler";
import { receiveDirectUploadCallback } from "@/lib/batches/direct-upload/receive-direct-upload-callback";

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await receiveDirectUploadCallback(request));
  } catch (error) {
    return toErrorResponse(error);
  }
}
