// POST /api/v1/ai/runs/estimate {selection, fields, mode?}: {total, estimate} for the run modal (nothing is created).
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { estimateAiRun } from "@/lib/ai/runs/create-run";
import { aiRunInputSchema } from "@/lib/ai/runs/schemas";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request }) =>
  estimateAiRun(await readJson(request, aiRunInputSchema, { maxBytes: 256 * 1024 })),
);
