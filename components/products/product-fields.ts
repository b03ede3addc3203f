/** The carteira fields a person edits on the product page, in display order. */
export const PRODUCT_TEXT_FIELDS = [
  "sku",
  "nomePeca",
  "categoria",
  "subcategoria",
  "tipoPeca",
  "origem",
  "cor",
] as const;
export type ProductTextField = (typeof PRODUCT_TEXT_FIELDS)[number];
export type ProductFieldValues = Record<ProductTextField, string> & { collectionId: string };
