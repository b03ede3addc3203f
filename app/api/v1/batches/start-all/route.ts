// POST /api/v1/batches/start-all: "Processar Todos" — starts every batch with uploaded files.
import { apiHandler } from "@/lib/api/api-handler";
import { startAllBatches } from "@/lib/batches/batch-control";
import type { StartAllResult } from "@/lib/queries/types";

export const POST = apiHandler(
  { role: "EDITOR" },
  async ({ user }) => ({ started: await startAllBatches(user) }) satisfies StartAllResult,
);
