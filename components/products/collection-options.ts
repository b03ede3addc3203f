import type { SelectOption } from "@/components/ui/filter-select";

export type CollectionChoice = { id: string; name: string; brandName: string };

/** "Marca · Coleção" options of the product forms and the product list filter. */
export function collectionOptions(collections: readonly CollectionChoice[]): SelectOption[] {
  return collections.map((c) => ({ value: c.id, label: `${c.brandName} · ${c.name}` }));
}
