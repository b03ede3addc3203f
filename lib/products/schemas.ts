import { z } from "zod";

const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v == null || v === "" ? null : v));

/** Carteira fields a person may edit on a product (never AI fields). */
export const productFieldsSchema = z.object({
  nomePeca: optionalText(),
  categoria: optionalText(120),
  subcategoria: optionalText(120),
  tipoPeca: optionalText(120),
  origem: optionalText(120),
  cor: optionalText(120),
  brandId: z.uuid("Marca inválida.").nullish(),
  collectionId: z.uuid("Coleção inválida.").nullish(),
});

export const skuSchema = z.string().trim().min(1, "Informe o SKU.").max(120, "SKU longo demais.");

export const createProductSchema = productFieldsSchema.extend({ sku: skuSchema });
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = productFieldsSchema.partial().extend({ sku: skuSchema.optional() });
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const productListQuerySchema = z.object({
  q: z.string().trim().max(120).optional(),
  /** Exact SKU (case-sensitive), for scripts that look one product up. */
  sku: z.string().trim().max(120).optional(),
  collectionId: z.uuid().optional(),
  brandId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

/** The editable carteira fields, in display order (keys of productFieldsSchema without ids). */
export const CARTEIRA_FIELDS = ["nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;
export type CarteiraField = (typeof CARTEIRA_FIELDS)[number];
