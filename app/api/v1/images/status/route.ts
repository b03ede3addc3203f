// POST /api/v1/images/status: workflow status change for one or many photos ({imageIds, status}), all-or-nothing.
import { apiHandler, readJson } from "@/lib/api/api-handler";
import { changeImageStatus, changeImageStatusSchema } from "@/lib/images/workflow-change-status";

export const POST = apiHandler({ role: "EDITOR" }, async ({ request, user }) => {
  const input = await readJson(request, changeImageStatusSchema);
  return changeImageStatus(user, input.imageIds, input.status);
});
