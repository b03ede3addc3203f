// GET/POST /api/v1/batches: list batches (most recent first); create a batch.
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { listBatches } from "@/lib/batches/batch-queries";
import { createBatch } from "@/lib/batches/create-batch";
import { batchListQuerySchema, createBatchSchema } from "@/lib/batches/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listBatches(parseQuery(request, batchListQuerySchema)),
);

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, createBatchSchema);
  return Response.json(await createBatch(user, input), { status: 201 });
});
