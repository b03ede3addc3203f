// POST /api/v1/reconcile/validate-above-threshold {batchId?, collectionId?, dryRun?}: links each queue photo to its one text/barcode candidate above the threshold → {count, threshold, imageIds}.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { validateAboveThresholdSchema } from "@/lib/reconciliation/schemas";
import { validateAboveThreshold } from "@/lib/reconciliation/validate-above-threshold";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, validateAboveThresholdSchema);
  return validateAboveThreshold(user, input);
});
