// GET/DELETE /api/v1/batches/{id}: one batch with counts; delete an empty draft.
import { z } from "zod";
import { apiHandler } from "@/lib/api/api-handler";
import { ApiError } from "@/lib/api/errors";
import { getBatchOrThrow } from "@/lib/batches/batch-queries";
import { deleteEmptyBatch } from "@/lib/batches/create-batch";

function batchId(raw: string): string {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw new ApiError("NOT_FOUND", "Lote não encontrado.");
  return id.data;
}

export const GET = apiHandler<{ id: string }>({ role: "VIEWER" }, async ({ params }) => getBatchOrThrow(batchId(params.id)));

export const DELETE = apiHandler<{ id: string }>({ role: "EDITOR" }, async ({ params, user }) => {
  await deleteEmptyBatch(user, batchId(params.id));
  return new Response(null, { status: 204 });
});
