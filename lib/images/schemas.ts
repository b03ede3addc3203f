import { z } from "zod";

// Answers of the image API are schemas too (see lib/batches/schemas.ts for why).

export const PROCESSING_STATUSES = ["UPLOADED", "QUEUED", "PROCESSING", "READY", "FAILED", "CANCELLED"] as const;
export const processingStatusSchema = z.enum(PROCESSING_STATUSES);
export const MATCH_STATUSES = ["PENDING", "MATCHED", "AMBIGUOUS", "UNMATCHED", "MANUAL", "NO_SKU"] as const;
export const matchStatusSchema = z.enum(MATCH_STATUSES);
export const IMAGE_STATUSES = ["PENDENTE", "APROVADO", "REJEITADO", "PENDENTE_ANALISE_IA"] as const;
export const imageStatusSchema = z.enum(IMAGE_STATUSES);

/** GET /api/v1/images: filters of the photo list, keyset-paginated. */
export const imageListQuerySchema = z.object({
  batchId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  sku: z.string().trim().max(120).optional(),
  matchStatus: matchStatusSchema.optional(),
  status: imageStatusSchema.optional(),
  processingStatus: processingStatusSchema.optional(),
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const carteiraFieldsSchema = z.strictObject({
  nomePeca: z.string().nullable(),
  categoria: z.string().nullable(),
  subcategoria: z.string().nullable(),
  tipoPeca: z.string().nullable(),
  origem: z.string().nullable(),
  cor: z.string().nullable(),
});

/** One image of GET /api/v1/images, with its SKU, carteira and AI fields. */
export const imageSchema = z.strictObject({
  id: z.uuid(),
  batchId: z.uuid(),
  collectionId: z.uuid().nullable(),
  brandId: z.uuid().nullable(),
  originalName: z.string(),
  relativePath: z.string().nullable(),
  contentType: z.string(),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  format: z.string().nullable(),
  sha256: z.string(),
  perceptualHash: z.string().nullable(),
  dominantColors: z.unknown(),
  skuBase: z.string().nullable(),
  sequence: z.string().nullable(),
  matchStatus: matchStatusSchema,
  matchScore: z.number().nullable(),
  status: imageStatusSchema,
  processingStatus: processingStatusSchema,
  processingError: z.string().nullable(),
  processingErrorCode: z.string().nullable(),
  aiTitle: z.string().nullable(),
  aiDescription: z.string().nullable(),
  aiTags: z.array(z.string()),
  aiColor: z.string().nullable(),
  aiMaterial: z.string().nullable(),
  createdAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
  /** Received by this batch but first stored by another (only in a batch's list). */
  isDuplicate: z.boolean(),
  sku: z.string().nullable(),
  productId: z.uuid().nullable(),
  carteira: carteiraFieldsSchema.nullable(),
  thumbnailUrl: z.string().nullable(),
  originalUrl: z.string(),
});

export const imagePageSchema = z.strictObject({ items: z.array(imageSchema), nextCursor: z.string().nullable() });
