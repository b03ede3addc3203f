// POST /api/v1/batches/{id}/start|pause|resume|cancel|force-start|reprocess: batch control (reprocess takes an optional JSON body `{"only": "network"}`).
import { apiHandler, parseRouteId, readOptionalJson } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import {
  cancelBatch,
  forceStartBatch,
  pauseBatch,
  reprocessFailed,
  resumeBatch,
  startBatch,
} from "@/lib/batches/batch-control";
import { reprocessOptionsSchema } from "@/lib/batches/schemas";

type Action = (user: SessionUser, batchId: string, request: Request) => Promise<unknown>;

const actions = {
  start: startBatch,
  pause: pauseBatch,
  resume: resumeBatch,
  cancel: cancelBatch,
  "force-start": forceStartBatch,
  reprocess: async (user, batchId, request) =>
    reprocessFailed(user, batchId, await readOptionalJson(request, reprocessOptionsSchema)),
} satisfies Record<string, Action>;

export const POST = apiHandler<{ id: string; action: string }>(
  { role: "EDITOR" },
  async ({ params, request, user }) => {
    const action: Action | undefined = Object.hasOwn(actions, params.action)
      ? actions[params.action as keyof typeof actions]
      : undefined;
    if (!action) throw new ApiError("NOT_FOUND", "Recurso não encontrado.");
    return action(user, parseRouteId(params.id, "Recurso não encontrado."), request);
  },
);
