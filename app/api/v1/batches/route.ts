// GET/POST /api/v1/batches: list batches (most recent first); create a batch (JSON: an upload batch; multipart `file`: a URL batch from a CSV/TXT list).
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { listBatches } from "@/lib/batches/batch-queries";
import { createBatch } from "@/lib/batches/create-batch";
import { batchListQuerySchema, createBatchSchema } from "@/lib/batches/schemas";
import { createUrlBatchFromRequest } from "@/lib/batches/url-list/http";

export const runtime = "nodejs";
export const maxDuration = 300;

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listBatches(parseQuery(request, batchListQuerySchema)),
);

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? ""))
    return Response.json(await createUrlBatchFromRequest(user, request), { status: 201 });
  const input = await readJson(request, createBatchSchema);
  return Response.json(await createBatch(user, input), { status: 201 });
});
