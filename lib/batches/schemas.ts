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
