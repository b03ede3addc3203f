import { z } from "zod";

/** Names one dry-run request may carry; a drop of more is sent in chunks of this size. */
export const DRY_RUN_MAX_NAMES = 5000;
/** "SKUs sem foto" listed by name in an answer (the count is always exact). */
export const DRY_RUN_WITHOUT_PHOTO_LIST = 50;
/** SKUs a caller may say earlier chunks of the same drop already cover. */
export const DRY_RUN_MAX_COVERED = 100_000;

/**
 * One file of a drop as the upload would send it: `name` is the relative path (`VERAO25/VD24-0123_FRENTE.jpg`,
 * the upload's `path` field) or the bare file name; `size` in bytes and the `sha256` (hex) when the browser has them.
 */
export const dryRunNameSchema = z.union([
  z.string().min(1).max(1024),
  z.strictObject({
    name: z.string().min(1).max(1024),
    size: z.number().int().nonnegative().optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "sha256 inválido.")
      .optional(),
  }),
]);
export type DryRunName = z.infer<typeof dryRunNameSchema>;

/**
 * POST /api/v1/batches/{id}/dry-run. The length of `names` is checked by the handler (a stable
 * DRY_RUN_TOO_MANY_NAMES beyond DRY_RUN_MAX_NAMES), not here. `coveredSkus`: SKUs linked by the
 * earlier chunks of the same drop, so the last answer's "SKUs sem foto" count the whole drop.
 */
export const dryRunRequestSchema = z.strictObject({
  names: z.array(dryRunNameSchema).min(1),
  coveredSkus: z.array(z.string().min(1).max(200)).max(DRY_RUN_MAX_COVERED).optional(),
});
export type DryRunRequest = z.infer<typeof dryRunRequestSchema>;

export const DRY_RUN_OUTCOMES = ["linked", "ambiguous", "unknown", "in_bank"] as const;
export const dryRunOutcomeSchema = z.enum(DRY_RUN_OUTCOMES);
export type DryRunOutcome = z.infer<typeof dryRunOutcomeSchema>;

export const dryRunItemSchema = z.strictObject({
  /** The name as sent. */
  name: z.string(),
  /** in_bank wins over the match: the upload would only point at the existing photo. */
  outcome: dryRunOutcomeSchema,
  /** linked: the SKU it links to; in_bank: the SKU its name would match, if any. */
  sku: z.string().nullable(),
  /** ambiguous: the SKUs it fits equally well. */
  candidates: z.array(z.string()),
  /** in_bank: the photo already in the bank and how it was recognised. */
  existingImageId: z.string().nullable(),
  inBankBy: z.enum(["sha256", "name_size"]).nullable(),
});
export type DryRunItem = z.infer<typeof dryRunItemSchema>;

const count = z.number().int().nonnegative();
export const dryRunTotalsSchema = z.strictObject({
  names: count,
  linked: count,
  ambiguous: count,
  unknown: count,
  inBank: count,
});
export type DryRunTotals = z.infer<typeof dryRunTotalsSchema>;

export const dryRunResultSchema = z.strictObject({
  batchId: z.string(),
  collectionId: z.string().nullable(),
  /** In the order of `names`. */
  results: z.array(dryRunItemSchema),
  totals: dryRunTotalsSchema,
  /** SKUs of the batch's collection with no processed photo: now, and after this drop (this chunk + `coveredSkus`). */
  withoutPhoto: z.strictObject({
    before: count,
    remaining: count,
    /** The first remaining ones in SKU order (at most DRY_RUN_WITHOUT_PHOTO_LIST). */
    first: z.array(z.string()),
  }),
});
export type DryRunResult = z.infer<typeof dryRunResultSchema>;
