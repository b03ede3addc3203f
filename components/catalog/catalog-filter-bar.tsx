"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { FilterSelect, type SelectOption } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";
import type { CatalogFilterKey, CatalogFilters } from "@/lib/catalog/catalog-filters";
import { IMAGE_STATUSES, MATCH_STATUSES, PROCESSING_STATUSES } from "@/lib/images/schemas";

export type FilterChoices = { collections: SelectOption[]; batches: SelectOption[] };

/** A filter from the URL that the list does not offer (a batch older than the recent ones) still shows as chosen. */
function withCurrent(options: readonly SelectOption[], value: string | undefined): readonly SelectOption[] {
  return value && !options.some((option) => option.value === value) ? [{ value, label: value }, ...options] : options;
}

/** The catalog's filters; each change is reported with the control's raw value ("" = all). */
export function CatalogFilterBar({
  filters,
  choices,
  onChange,
}: {
  filters: CatalogFilters;
  choices: FilterChoices;
  onChange: (key: CatalogFilterKey, value: string) => void;
}) {
  const t = useTranslations("catalog");
  const workflow = useTranslations("workflow.status");
  const selects: { key: CatalogFilterKey; label: string; all: string; options: readonly SelectOption[] }[] = [
    {
      key: "collectionId",
      label: t("filters.collection"),
      all: t("filters.allCollections"),
      options: choices.collections,
    },
    { key: "batchId", label: t("filters.batch"), all: t("filters.allBatches"), options: choices.batches },
    {
      key: "status",
      label: t("filters.status"),
      all: t("filters.allStatuses"),
      options: IMAGE_STATUSES.map((s) => ({ value: s, label: workflow(s) })),
    },
    {
      key: "matchStatus",
      label: t("filters.matchStatus"),
      all: t("filters.allMatchStatuses"),
      options: MATCH_STATUSES.map((s) => ({ value: s, label: t(`matchStatus.${s}`) })),
    },
    {
      key: "processingStatus",
      label: t("filters.processingStatus"),
      all: t("filters.allProcessingStatuses"),
      options: PROCESSING_STATUSES.map((s) => ({ value: s, label: t(`processingStatus.${s}`) })),
    },
  ];

  return (
    <div role="search" aria-label={t("filtersLabel")} className="mb-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
        <form
          // A new SKU in the URL (back button, a shared link) remounts the box with it.
          key={filters.sku ?? ""}
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            onChange("sku", String(new FormData(event.currentTarget).get("sku") ?? ""));
          }}
        >
          <div className="min-w-0 flex-1">
            <TextField
              id="catalog-sku"
              name="sku"
              type="search"
              label={t("filters.sku")}
              placeholder={t("filters.skuHint")}
              defaultValue={filters.sku ?? ""}
              autoComplete="off"
              maxLength={120}
            />
          </div>
          <Button type="submit" variant="secondary">
            {t("filters.search")}
          </Button>
        </form>
        {selects.map((select) => (
          <FilterSelect
            key={select.key}
            id={`catalog-${select.key}`}
            label={select.label}
            emptyOption={select.all}
            options={withCurrent(select.options, filters[select.key])}
            value={String(filters[select.key] ?? "")}
            onChange={(event) => onChange(select.key, event.target.value)}
          />
        ))}
      </div>
    </div>
  );
}
