import type { ImageStatus } from "@/lib/generated/prisma/enums";
import type { AI_STATUSES } from "./schemas";

export type AiStatus = (typeof AI_STATUSES)[number];

/**
 * The AI state of a photo, read from its AI columns (there is no column of its own, so it never
 * drifts from them): FAILED when the last analysis left an error, QUEUED while the workflow has it
 * waiting for analysis (Pendente Análise IA), ANALYZED once an analysis finished, NONE before any.
 * AI_STATUS_SQL is the same rule for queries; both are tested together.
 */
export function aiStatusOf(image: {
  aiError: string | null;
  aiAnalyzedAt: Date | null;
  status: ImageStatus;
}): AiStatus {
  if (image.aiError !== null) return "FAILED";
  if (image.status === "PENDENTE_ANALISE_IA") return "QUEUED";
  if (image.aiAnalyzedAt !== null) return "ANALYZED";
  return "NONE";
}

/** aiStatusOf as SQL over the image alias `i`. */
export const AI_STATUS_SQL = `CASE WHEN i."aiError" IS NOT NULL THEN 'FAILED' WHEN i."status" = 'PENDENTE_ANALISE_IA' THEN 'QUEUED' WHEN i."aiAnalyzedAt" IS NOT NULL THEN 'ANALYZED' ELSE 'NONE' END`;
