import { z } from "zod";

/** GET /api/v1/images: filters of the photo list, keyset-paginated. */
export const imageListQuerySchema = z.object({
  batchId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  sku: z.string().trim().max(120).optional(),
  matchStatus: z.enum(["PENDING", "MATCHED", "AMBIGUOUS", "UNMATCHED", "MANUAL", "NO_SKU"]).optional(),
  status: z.enum(["PENDENTE", "APROVADO", "REJEITADO", "PENDENTE_ANALISE_IA"]).optional(),
  processingStatus: z.enum(["UPLOADED", "QUEUED", "PROCESSING", "READY", "FAILED", "CANCELLED"]).optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
