import { z } from "zod";

export const createBatchSchema = z.object({
  name: z.string().trim().min(1, "Informe o nome do lote.").max(120),
  brandId: z.uuid().optional().nullable(),
  collectionId: z.uuid().optional().nullable(),
});

export const batchListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.uuid().optional(),
});

export const uploadsCheckSchema = z.object({ uploadIds: z.array(z.string().min(1).max(200)).max(5000) });

/** Client upload ids: opaque, short, safe to log. */
export const clientUploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "uploadId inválido.");

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
