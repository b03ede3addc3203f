// POST /api/v1/images/bulk {selection: {imageIds} | {filter}, action, status? | sku?}: a bulk action → 200 {changed, skipped}, or 202 {runId} for a large filter (job).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { bulkActionInputSchema } from "@/lib/images/bulk/schemas";
import { startBulkAction } from "@/lib/images/bulk/start-bulk-action";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, bulkActionInputSchema, { maxBytes: 256 * 1024 });
  const outcome = await startBulkAction(user, input);
  if (outcome.kind === "done") return { changed: outcome.changed, skipped: outcome.skipped };
  return Response.json(
    { runId: outcome.runId },
    { status: 202, headers: { Location: `/api/v1/images/bulk/${outcome.runId}` } },
  );
});
