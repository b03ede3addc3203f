import { z } from "zod";

// Answers of the image API are schemas too (see lib/batches/schemas.ts for why).

export const PROCESSING_STATUSES = ["UPLOADED", "QUEUED", "PROCESSING", "READY", "FAILED", "CANCELLED"] as const;
export const processingStatusSchema = z.enum(PROCESSING_STATUSES);
export const MATCH_STATUSES = ["PENDING", "MATCHED", "AMBIGUOUS", "UNMATCHED", "MANUAL", "NO_SKU"] as const;
export const matchStatusSchema = z.enum(MATCH_STATUSES);
export const IMAGE_STATUSES = ["PENDENTE", "APROVADO", "REJEITADO", "PENDENTE_ANALISE_IA"] as const;
export const imageStatusSchema = z.enum(IMAGE_STATUSES);

/** AI state of a photo, derived from its AI columns (lib/images/ai-status.ts). */
export const AI_STATUSES = ["NONE", "QUEUED", "ANALYZED", "FAILED"] as const;
export const aiStatusSchema = z.enum(AI_STATUSES);

/** `arrival`: oldest first (id order, the default); `recent`: newest first; `sku`: sku_base then sequência; `name`: file name. */
export const IMAGE_SORTS = ["arrival", "recent", "sku", "name"] as const;
export const imageSortSchema = z.enum(IMAGE_SORTS);

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_WORDS = 8;
const CARTEIRA_VALUE_MAX_LENGTH = 120;

export const booleanParam = z.enum(["true", "false"]).transform((value) => value === "true");

/** Comma-separated photo ids in a query (an export of a selection), deduplicated, 1..`max` of them. */
export function imageIdListParamSchema(max: number) {
  return z
    .string()
    .max(max * 37)
    .transform((raw) => [
      ...new Set(
        raw
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.uuid("Id de foto inválido.")).min(1).max(max));
}

/** A day (`2026-03-01`, UTC) or an instant with its offset. */
const dateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * Filters of the photo catalog, shared by the list, the facets and (later) bulk actions by filter.
 * Unknown parameters are refused so a misspelt filter is a 400, not a silently unfiltered list.
 */
export const imageFilterShape = {
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH, `A busca tem no máximo ${SEARCH_MAX_LENGTH} caracteres.`)
    .refine((q) => q.split(/\s+/).length <= SEARCH_MAX_WORDS, `A busca tem no máximo ${SEARCH_MAX_WORDS} palavras.`)
    .optional(),
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  sku: z.string().trim().max(120).optional(),
  status: imageStatusSchema.optional(),
  matchStatus: matchStatusSchema.optional(),
  processingStatus: processingStatusSchema.optional(),
  aiStatus: aiStatusSchema.optional(),
  color: z.string().trim().min(1).max(CARTEIRA_VALUE_MAX_LENGTH).optional(),
  hasProduct: booleanParam.optional(),
  /** *Possível divergência*: the last AI analysis disagrees with the carteira's colour or type (Image.aiDivergences). */
  aiDivergence: booleanParam.optional(),
  categoria: z.string().trim().min(1).max(CARTEIRA_VALUE_MAX_LENGTH).optional(),
  tipoPeca: z.string().trim().min(1).max(CARTEIRA_VALUE_MAX_LENGTH).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
};

export const imageFilterSchema = z.strictObject(imageFilterShape);
export type ImageFilter = z.infer<typeof imageFilterSchema>;

/** GET /api/v1/images: the catalog filters, a sort and an opaque keyset cursor of that sort. */
export const imageListQuerySchema = z.strictObject({
  ...imageFilterShape,
  sort: imageSortSchema.optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ImageListQuery = z.infer<typeof imageListQuerySchema>;

/** GET /api/v1/images/facets: the same filters (a `sort` from the same URL is accepted and ignored). */
export const imageFacetsQuerySchema = z.strictObject({ ...imageFilterShape, sort: imageSortSchema.optional() });

const carteiraFieldsSchema = z.strictObject({
  nomePeca: z.string().nullable(),
  categoria: z.string().nullable(),
  subcategoria: z.string().nullable(),
  tipoPeca: z.string().nullable(),
  origem: z.string().nullable(),
  cor: z.string().nullable(),
});

/** A piece detected in a photo; `boundingBox` is normalised {x, y, width, height} (0–1, origin top-left). */
export const imageItemSchema = z.strictObject({
  position: z.number().int(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  color: z.string().nullable(),
  material: z.string().nullable(),
  boundingBox: z.strictObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).nullable(),
  confidence: z.number().nullable(),
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
  aiStatus: aiStatusSchema,
  aiTipoPeca: z.string().nullable(),
  aiStyle: z.string().nullable(),
  aiSecondaryColors: z.array(z.string()),
  /** Confidence 0–1 per AI field of the last analysis ({"descricao": 0.9, "cor": 0.8, …}). */
  aiConfidence: z.record(z.string(), z.number().nullable()).nullable(),
  /** AI columns a person edited (e.g. "aiColor"): a later run keeps them unless told to overwrite. */
  aiManualFields: z.array(z.string()),
  /** Carteira fields the AI disagrees with ("cor", "tipo_peca"): *possível divergência*. */
  aiDivergences: z.array(z.string()),
  /** "model" or "local" ("análise local"). */
  aiSource: z.string().nullable(),
  aiModel: z.string().nullable(),
  aiAnalyzedAt: z.iso.datetime().nullable(),
  aiError: z.string().nullable(),
  aiErrorCode: z.string().nullable(),
  /** Pieces detected in the photo (multi-piece detection, up to four), by position. */
  items: z.array(imageItemSchema),
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

const namedRefSchema = z.strictObject({ id: z.uuid(), name: z.string() });

/** GET /api/v1/images/{id}: the photo with every field, its batch, siblings and audit trail. */
export const imageDetailSchema = z.strictObject({
  ...imageSchema.shape,
  orientation: z.number().int().nullable(),
  thumbnailBytes: z.number().int().nullable(),
  aiHashtags: z.array(z.string()),
  aiKeyPoints: z.array(z.string()),
  aiOcrText: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  batch: namedRefSchema,
  brand: namedRefSchema.nullable(),
  collection: namedRefSchema.nullable(),
  /** Other photos of the same product, or of the same sku_base when unlinked, in sequence order. */
  siblings: z.array(
    z.strictObject({
      id: z.uuid(),
      originalName: z.string(),
      sequence: z.string().nullable(),
      status: imageStatusSchema,
      thumbnailUrl: z.string().nullable(),
    }),
  ),
  /** Newest first. */
  audit: z.array(
    z.strictObject({
      id: z.string(),
      action: z.string(),
      userName: z.string().nullable(),
      data: z.unknown(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

/** Carteira fields belong to the product and the carteira import: a photo edit naming one is refused. */
export const CARTEIRA_FIELD_NAMES = [
  "carteira",
  "sku",
  "productId",
  "nomePeca",
  "categoria",
  "subcategoria",
  "tipoPeca",
  "origem",
  "cor",
] as const;

const editorialText = (max: number) => z.string().trim().max(max).nullable();

/** PATCH /api/v1/images/{id}: the editorial / AI fields and the workflow status (at least one). */
export const imageUpdateSchema = z
  .strictObject({
    aiTitle: editorialText(300).optional(),
    aiDescription: editorialText(5000).optional(),
    aiTags: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
    aiColor: editorialText(80).optional(),
    aiMaterial: editorialText(120).optional(),
    aiSecondaryColors: z.array(z.string().trim().min(1).max(80)).max(10).optional(),
    aiTipoPeca: editorialText(120).optional(),
    aiStyle: editorialText(120).optional(),
    status: imageStatusSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Informe ao menos um campo.");
export type ImageUpdate = z.infer<typeof imageUpdateSchema>;

const facetValueSchema = z.strictObject({ value: z.string(), count: z.number().int().nonnegative() });
const namedFacetValueSchema = z.strictObject({
  value: z.uuid(),
  label: z.string(),
  count: z.number().int().nonnegative(),
});

/**
 * GET /api/v1/images/facets: how many photos match the filters, and per value of each dimension
 * (that dimension's own filter left out). `isEstimate`: counted on a sample of the table because the
 * filters match more than the exact-count threshold; the UI shows "≈".
 */
export const imageFacetsSchema = z.strictObject({
  total: z.number().int().nonnegative(),
  isEstimate: z.boolean(),
  facets: z.strictObject({
    status: z.array(facetValueSchema),
    matchStatus: z.array(facetValueSchema),
    processingStatus: z.array(facetValueSchema),
    aiStatus: z.array(facetValueSchema),
    brandId: z.array(namedFacetValueSchema),
    collectionId: z.array(namedFacetValueSchema),
  }),
});
