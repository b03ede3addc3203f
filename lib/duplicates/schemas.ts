import { z } from "zod";
import { imageStatusSchema } from "@/lib/images/schemas";

/** Photos one decision may cover (a review group is a photo and its open near matches). */
export const DUPLICATE_DECISION_MAX_IMAGES = 50;

/** GET /api/v1/images/duplicates: groups with a member in the collection / batch / brand, paged by the group's first photo. */
export const duplicateGroupsQuerySchema = z.strictObject({
  collectionId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  brandId: z.uuid().optional(),
  cursor: z.uuid("Cursor inválido.").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DuplicateGroupsQuery = z.infer<typeof duplicateGroupsQuerySchema>;

/** The review page's filters (from its URL; unset ones absent, so the prefetch and the hook share a key). */
export const duplicateFiltersSchema = duplicateGroupsQuerySchema.pick({
  collectionId: true,
  batchId: true,
  brandId: true,
});
export type DuplicateFilters = z.infer<typeof duplicateFiltersSchema>;

const imageIdsSchema = z
  .array(z.uuid("Foto inválida."))
  .min(2, "Uma decisão cobre ao menos duas fotos.")
  .max(DUPLICATE_DECISION_MAX_IMAGES, `Uma decisão cobre no máximo ${DUPLICATE_DECISION_MAX_IMAGES} fotos.`)
  .refine((ids) => new Set(ids).size === ids.length, "Fotos repetidas.");

/**
 * POST /api/v1/images/duplicates/decisions, for the photos a person reviewed together:
 * - `keep` ("manter este"): keep `keepImageId`; the others are marked as its duplicates (pairs
 *   RESOLVED, `duplicateOfId` set, workflow status Rejeitado where the workflow allows it). No file is deleted.
 * - `distinct` ("manter todos"): every pair among them is DISTINCT and never comes back.
 */
export const duplicateDecisionSchema = z.discriminatedUnion("action", [
  z
    .strictObject({ action: z.literal("keep"), keepImageId: z.uuid("Foto inválida."), imageIds: imageIdsSchema })
    .refine((d) => d.imageIds.includes(d.keepImageId), {
      message: "A foto mantida deve estar entre as fotos revisadas.",
      path: ["keepImageId"],
    }),
  z.strictObject({ action: z.literal("distinct"), imageIds: imageIdsSchema }),
]);
export type DuplicateDecision = z.infer<typeof duplicateDecisionSchema>;

// Answers (tests/integration/api/response-schemas.test.ts checks them; lib/queries/types.ts infers the client types).
export const duplicateMemberSchema = z.strictObject({
  id: z.uuid(),
  thumbnailUrl: z.string().nullable(),
  originalUrl: z.string(),
  originalName: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int().nonnegative(),
  format: z.string().nullable(),
  sku: z.string().nullable(),
  skuBase: z.string().nullable(),
  sequence: z.string().nullable(),
  status: imageStatusSchema,
  batch: z.strictObject({ id: z.uuid(), name: z.string() }),
  collectionId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  /** Hamming distance (of 64 bits) to the group's first photo; 0 for that photo itself. */
  distance: z.number().int().min(0).max(64),
});

export const duplicateGroupSchema = z.strictObject({
  /** The group's first photo (its smallest id): the group's identity and the page's keyset. */
  id: z.uuid(),
  members: z.array(duplicateMemberSchema).min(2),
});

export const duplicateGroupPageSchema = z.strictObject({
  groups: z.array(duplicateGroupSchema),
  nextCursor: z.uuid().nullable(),
});

export const duplicateDecisionResultSchema = z.strictObject({
  action: z.enum(["keep", "distinct"]),
  /** Open pairs among the reviewed photos that this decision closed. */
  pairs: z.number().int().nonnegative(),
  /** Photos marked as duplicates of the kept one (keep only). */
  markedDuplicates: z.number().int().nonnegative(),
  /** Of those, photos whose workflow status moved to Rejeitado. */
  rejected: z.number().int().nonnegative(),
});
