import { sortByAngle } from "./sort-angles";

/** What grouping needs of a photo (a subset of the image API's item). */
export type GroupablePhoto = {
  id: string;
  productId: string | null;
  sku: string | null;
  skuBase: string | null;
  sequence: string | null;
};

export type SkuGroup<T extends GroupablePhoto> = {
  /** Stable across pages: `product:<id>`, `base:<sku_base>` or `none`. */
  key: string;
  kind: "product" | "skuBase" | "none";
  /** The product's SKU, or the SKU read from the file name; null for photos with neither. */
  sku: string | null;
  productId: string | null;
  /** In angle order (see sort-angles.ts). */
  photos: T[];
};

function groupKey(photo: GroupablePhoto): Pick<SkuGroup<GroupablePhoto>, "key" | "kind" | "sku" | "productId"> {
  if (photo.productId)
    return { key: `product:${photo.productId}`, kind: "product", sku: photo.sku, productId: photo.productId };
  if (photo.skuBase) return { key: `base:${photo.skuBase}`, kind: "skuBase", sku: photo.skuBase, productId: null };
  return { key: "none", kind: "none", sku: null, productId: null };
}

/**
 * Groups photos by their product, or by the SKU read from the file name while they are unlinked
 * (a linked product and an unlinked name with the same text stay apart: only the first is
 * confirmed). Groups come in the order of their first photo, so appending a page of photos never
 * moves a group that is already shown.
 */
export function groupBySku<T extends GroupablePhoto>(photos: readonly T[]): SkuGroup<T>[] {
  const groups = new Map<string, SkuGroup<T>>();
  for (const photo of photos) {
    const head = groupKey(photo);
    const group = groups.get(head.key);
    if (group) group.photos.push(photo);
    else groups.set(head.key, { ...head, photos: [photo] });
  }
  return [...groups.values()].map((group) => ({ ...group, photos: sortByAngle(group.photos) }));
}
