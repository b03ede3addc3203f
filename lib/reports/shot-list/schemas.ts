import { z } from "zod";
import { booleanParam } from "@/lib/images/schemas";

/** Most angles in one list, and aliases on one angle (answered SHOT_LIST_TOO_MANY_*). */
export const SHOT_LIST_MAX_ANGLES = 20;
export const SHOT_LIST_MAX_ALIASES = 30;

// Shapes only; the rules between angles (duplicates, an alias on two angles) are findShotListIssue's,
// answered with their own codes. Bounds a little over the limits, so "too many" gets its own code too.
const angleInputSchema = z.strictObject({
  name: z.string().max(40),
  aliases: z
    .array(z.string().max(40))
    .max(SHOT_LIST_MAX_ALIASES * 4)
    .default([]),
});

/**
 * PUT /api/v1/collections/{id}/shot-list, PUT /api/v1/shot-lists (the bank's) and the editor's
 * action: one list, replaced whole; no angles removes it.
 */
export const shotListInputSchema = z.strictObject({
  categoria: z.string().trim().max(120).default(""),
  angles: z
    .array(angleInputSchema)
    .max(SHOT_LIST_MAX_ANGLES * 4)
    .default([]),
});
export type ShotListInput = z.input<typeof shotListInputSchema>;

/** The editor's action: `collectionId` null is the bank's list (every collection). */
export const shotListActionSchema = shotListInputSchema.extend({ collectionId: z.uuid().nullable() });

export const shotListSchema = z.strictObject({
  id: z.uuid(),
  /** null: the bank's list, for every collection. */
  collectionId: z.uuid().nullable(),
  categoria: z.string(),
  updatedAt: z.iso.datetime(),
  angles: z.array(z.strictObject({ name: z.string(), position: z.number().int(), aliases: z.array(z.string()) })),
});
export type ShotListView = z.infer<typeof shotListSchema>;

export const collectionShotListsSchema = z.strictObject({ collectionId: z.uuid(), items: z.array(shotListSchema) });
/** GET/PUT /api/v1/shot-lists: the bank's lists (the whole bank, and per categoria). */
export const bankShotListsSchema = z.strictObject({ items: z.array(shotListSchema) });

/** GET /api/v1/reports/shot-list (and its export): the matrix's filters and its keyset page. */
export const shotListReportQuerySchema = z.strictObject({
  brandId: z.uuid().optional(),
  collectionId: z.uuid().optional(),
  categoria: z.string().trim().max(120).optional(),
  fornecedor: z.string().trim().max(120).optional(),
  incomplete: booleanParam.optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ShotListReportQuery = z.infer<typeof shotListReportQuerySchema>;

export const shotListExportQuerySchema = shotListReportQuerySchema.omit({ cursor: true, limit: true }).extend({
  format: z.string().min(1).max(20).default("csv"),
  separator: z.enum([";", ","]).default(";"),
  // The export menu sends it; a shot list has no photo metadata columns.
  metadata: z.string().max(10).optional(),
});
