// GET /api/v1/ai/runs?cursor=&limit=: AI runs, newest first; POST {selection, fields, overwriteManual?, mode?}: start a run → 201 {id, total, estimate}.
import { apiHandler, parseQuery, readJson } from "@/lib/api/api-handler";
import { createAiRun } from "@/lib/ai/runs/create-run";
import { listAiRuns } from "@/lib/ai/runs/get-runs";
import { aiRunInputSchema, aiRunListQuerySchema } from "@/lib/ai/runs/schemas";

export const GET = apiHandler({ role: "VIEWER" }, async ({ request }) =>
  listAiRuns(parseQuery(request, aiRunListQuerySchema)),
);

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, aiRunInputSchema, { maxBytes: 256 * 1024 });
  const run = await createAiRun(user, input);
  return Response.json(run, { status: 201, headers: { Location: `/api/v1/ai/runs/${run.id}` } });
});
