import { z } from "zod";
import { imageFilterShape, imageSchema, imageSortSchema } from "@/lib/images/schemas";

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

/** Photos of each group that come with it, in angle order (lib/catalog/sort-angles.ts). */
export const SKU_GROUP_PREVIEW_IMAGES = 8;

/** GET /api/v1/products/groups: the catalog filters (a `sort` from the same URL is ignored) and a keyset cursor. */
export const skuGroupsQuerySchema = z.strictObject({
  ...imageFilterShape,
  sort: imageSortSchema.optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type SkuGroupsQuery = z.infer<typeof skuGroupsQuerySchema>;

/**
 * One group of the por SKU view: a linked product (`product`), the sku_base read from the file
 * names of unlinked photos (`skuBase`), or the photos with neither (`none`). `count` is how many
 * photos of the group match the filters; `images` are the first of them in angle order.
 */
export const skuGroupSchema = z.strictObject({
  key: z.string(),
  kind: z.enum(["product", "skuBase", "none"]),
  sku: z.string().nullable(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  count: z.number().int().positive(),
  images: z.array(imageSchema),
});

export const skuGroupPageSchema = z.strictObject({ items: z.array(skuGroupSchema), nextCursor: z.string().nullable() });
