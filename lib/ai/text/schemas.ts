import { z } from "zod";

export const photoCodeSchema = z.strictObject({ format: z.string(), text: z.string() });

/** GET /api/v1/images/{id}/text. */
export const imageTextSchema = z.strictObject({
  imageId: z.uuid(),
  /** The text read ("" when none was found), null when the photo's text was never read. */
  text: z.string().nullable(),
  codes: z.array(photoCodeSchema),
  readAt: z.iso.datetime().nullable(),
  engine: z.string().nullable(),
  threshold: z.number().min(0).max(1),
  candidates: z.array(
    z.strictObject({
      productId: z.uuid(),
      sku: z.string(),
      nomePeca: z.string().nullable(),
      score: z.number().min(0).max(1),
      reasons: z.array(z.enum(["ocr_text", "barcode"])),
      evidence: z.array(z.string()),
      aboveThreshold: z.boolean(),
    }),
  ),
});
export type ImageText = z.infer<typeof imageTextSchema>;
