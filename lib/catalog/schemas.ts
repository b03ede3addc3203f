import { z } from "zod";

export const brandInputSchema = z.object({ name: z.string().trim().min(1, "Informe o nome da marca.").max(120) });

export const collectionInputSchema = z.object({
  brandId: z.uuid("Marca inválida."),
  name: z.string().trim().min(1, "Informe o nome da coleção.").max(120),
  season: z.string().trim().max(60).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const collectionListQuerySchema = z.object({ brandId: z.uuid().optional() });
