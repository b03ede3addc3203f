import { PRODUCT_TEXT_FIELDS, type ProductTextField } from "./types";

export type ExtraJson = Record<string, unknown>;

/** The carteira-owned columns of a Product. */
export type ProductState = Record<ProductTextField, string | null> & {
  brandId: string | null;
  collectionId: string | null;
  extra: ExtraJson;
};

/** What one carteira row says; `undefined` means "the file says nothing: keep the current value". */
export interface ProductIntent {
  text: Partial<Record<ProductTextField, string | null>>;
  brandId: string | null | undefined;
  collectionId: string | null | undefined;
  extra: Record<string, string | number>;
}

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export const EMPTY_PRODUCT: ProductState = {
  nomePeca: null,
  categoria: null,
  subcategoria: null,
  tipoPeca: null,
  origem: null,
  cor: null,
  brandId: null,
  collectionId: null,
  extra: {},
};

const display = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === "string"
      ? v
      : typeof v === "number"
        ? String(v)
        : JSON.stringify(v);

/**
 * Field-by-field comparison of a product with what the carteira says. `changes` is empty when the
 * row is unchanged (and then nothing is written). Extra columns merge: keys absent from the file
 * are kept.
 */
export function diffProduct(
  current: ProductState,
  intent: ProductIntent,
  names: (field: "brand" | "collection", id: string | null) => string | null,
): { next: ProductState; changes: FieldChange[] } {
  const next: ProductState = { ...current, extra: { ...current.extra } };
  const changes: FieldChange[] = [];
  for (const field of PRODUCT_TEXT_FIELDS) {
    const value = intent.text[field];
    if (value === undefined || value === current[field]) continue;
    next[field] = value;
    changes.push({ field, oldValue: current[field], newValue: value });
  }
  if (intent.brandId !== undefined && intent.brandId !== current.brandId) {
    next.brandId = intent.brandId;
    changes.push({
      field: "brand",
      oldValue: names("brand", current.brandId),
      newValue: names("brand", intent.brandId),
    });
  }
  if (intent.collectionId !== undefined && intent.collectionId !== current.collectionId) {
    next.collectionId = intent.collectionId;
    changes.push({
      field: "collection",
      oldValue: names("collection", current.collectionId),
      newValue: names("collection", intent.collectionId),
    });
  }
  for (const [key, value] of Object.entries(intent.extra)) {
    const old = current.extra[key];
    if (old === value || display(old) === display(value)) continue;
    next.extra[key] = value;
    changes.push({ field: `extra.${key}`, oldValue: display(old), newValue: display(value) });
  }
  return { next, changes };
}
