import { z } from "zod";

export const brandInputSchema = z.object({ name: z.string().trim().min(1, "Informe o nome da marca.").max(120) });

export const collectionInputSchema = z.object({
  brandId: z.uuid("Marca inválida."),
  name: z.string().trim().min(1, "Informe o nome da coleção.").max(120),
  season: z.string().trim().max(60).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const collectionListQuerySchema = z.object({ brandId: z.uuid().optional() });

// Answers of the brand and collection API (see lib/batches/schemas.ts for why they are schemas).
export const brandSchema = z.strictObject({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() });

/** A collection as POST /api/v1/collections answers it; the list adds its brand's name. */
export const collectionSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  brandId: z.uuid(),
  season: z.string().nullable(),
  year: z.number().int().nullable(),
});
export const collectionListItemSchema = collectionSchema.extend({
  brand: z.strictObject({ name: z.string() }),
  createdAt: z.iso.datetime(),
});

export const brandListSchema = z.strictObject({ items: z.array(brandSchema) });
export const collectionListSchema = z.strictObject({ items: z.array(collectionListItemSchema) });
