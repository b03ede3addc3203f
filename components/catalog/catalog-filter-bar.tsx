"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FilterSelect, type SelectOption } from "@/components/ui/filter-select";
import { CloseIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import type { CatalogFilterKey, CatalogFilters } from "@/lib/catalog/catalog-filters";
import { AI_STATUSES, IMAGE_SORTS, IMAGE_STATUSES, MATCH_STATUSES, PROCESSING_STATUSES } from "@/lib/images/schemas";
import type { ImageFacets } from "@/lib/queries/types";
import { CatalogSearchBox } from "./catalog-search-box";

export type FilterChoices = {
  brands: SelectOption[];
  collections: SelectOption[];
  batches: SelectOption[];
  categorias: SelectOption[];
  tipos: SelectOption[];
  colors: SelectOption[];
};

export type FilterChange = (key: CatalogFilterKey, value: string, mode?: "push" | "replace") => void;

type FacetKey = keyof ImageFacets["facets"];
type SelectSpec = { key: CatalogFilterKey; label: string; all: string; options: readonly SelectOption[] };

/** The filters shown in the first row; the others open under "Mais filtros". */
const PRIMARY_KEYS: readonly CatalogFilterKey[] = ["q", "collectionId", "status", "matchStatus", "sort"];

/** A filter from the URL that the list does not offer (a batch older than the recent ones) still shows as chosen. */
function withCurrent(options: readonly SelectOption[], value: string | undefined): readonly SelectOption[] {
  return value && !options.some((option) => option.value === value) ? [{ value, label: value }, ...options] : options;
}

const isFacetKey = (key: CatalogFilterKey, facets: ImageFacets | undefined): key is FacetKey =>
  facets !== undefined && key in facets.facets;

/**
 * The catalog's filters: search, the first-row selects, the rest under "Mais filtros", and a chip
 * per active filter. Options of the dimensions the facets count carry their count ("≈" on a
 * sample). Each change is reported with the control's raw value ("" = all).
 */
export function CatalogFilterBar({
  filters,
  choices,
  facets,
  onChange,
}: {
  filters: CatalogFilters;
  choices: FilterChoices;
  facets: ImageFacets | undefined;
  onChange: FilterChange;
}) {
  const t = useTranslations("catalog");
  const workflow = useTranslations("workflow.status");
  const advancedActive = Object.keys(filters).filter((key) => !PRIMARY_KEYS.includes(key as CatalogFilterKey)).length;
  const [isOpen, setIsOpen] = useState(advancedActive > 0);

  const enumOptions = <V extends string>(values: readonly V[], label: (value: V) => string) =>
    values.map((value) => ({ value, label: label(value) }));
  const selects: Record<Exclude<CatalogFilterKey, "q" | "from" | "to" | "sku">, SelectSpec> = {
    collectionId: {
      key: "collectionId",
      label: t("filters.collection"),
      all: t("filters.allCollections"),
      options: choices.collections,
    },
    status: {
      key: "status",
      label: t("filters.status"),
      all: t("filters.allStatuses"),
      options: enumOptions(IMAGE_STATUSES, (s) => workflow(s)),
    },
    matchStatus: {
      key: "matchStatus",
      label: t("filters.matchStatus"),
      all: t("filters.allMatchStatuses"),
      options: enumOptions(MATCH_STATUSES, (s) => t(`matchStatus.${s}`)),
    },
    sort: {
      key: "sort",
      label: t("filters.sort"),
      all: t("sort.arrival"),
      options: enumOptions(
        IMAGE_SORTS.filter((s) => s !== "arrival"),
        (s) => t(`sort.${s}`),
      ),
    },
    brandId: { key: "brandId", label: t("filters.brand"), all: t("filters.allBrands"), options: choices.brands },
    batchId: { key: "batchId", label: t("filters.batch"), all: t("filters.allBatches"), options: choices.batches },
    processingStatus: {
      key: "processingStatus",
      label: t("filters.processingStatus"),
      all: t("filters.allProcessingStatuses"),
      options: enumOptions(PROCESSING_STATUSES, (s) => t(`processingStatus.${s}`)),
    },
    aiStatus: {
      key: "aiStatus",
      label: t("filters.aiStatus"),
      all: t("filters.allAiStatuses"),
      options: enumOptions(AI_STATUSES, (s) => t(`aiStatus.${s}`)),
    },
    hasProduct: {
      key: "hasProduct",
      label: t("filters.hasProduct"),
      all: t("filters.hasProductAny"),
      options: [
        { value: "true", label: t("filters.hasProductYes") },
        { value: "false", label: t("filters.hasProductNo") },
      ],
    },
    aiDivergence: {
      key: "aiDivergence",
      label: t("filters.aiDivergence"),
      all: t("filters.aiDivergenceAny"),
      options: [
        { value: "true", label: t("filters.aiDivergenceYes") },
        { value: "false", label: t("filters.aiDivergenceNo") },
      ],
    },
    color: { key: "color", label: t("filters.color"), all: t("filters.allColors"), options: choices.colors },
    categoria: {
      key: "categoria",
      label: t("filters.categoria"),
      all: t("filters.allCategorias"),
      options: choices.categorias,
    },
    tipoPeca: { key: "tipoPeca", label: t("filters.tipoPeca"), all: t("filters.allTipos"), options: choices.tipos },
  };

  /**
   * The option labels with the facet's count of each value. A status the facets did not see counts 0;
   * a brand or collection may only be past the facets' most frequent values, so it shows no count.
   */
  const counted = (spec: SelectSpec): readonly SelectOption[] => {
    const options = withCurrent(spec.options, filterText(filters, spec.key));
    if (!isFacetKey(spec.key, facets)) return options;
    const counts = new Map<string, number>(facets!.facets[spec.key].map((row) => [row.value, row.count]));
    const isNamed = spec.key === "brandId" || spec.key === "collectionId";
    const approx = String(facets!.isEstimate);
    return options.map((option) => {
      const count = counts.get(option.value) ?? (isNamed ? undefined : 0);
      return count === undefined
        ? option
        : { value: option.value, label: t("countOption", { label: option.label, count, approx }) };
    });
  };
  const select = (spec: SelectSpec) => (
    <FilterSelect
      key={spec.key}
      id={`catalog-${spec.key}`}
      label={spec.label}
      emptyOption={spec.all}
      options={counted(spec)}
      value={filterText(filters, spec.key) ?? ""}
      onChange={(event) => onChange(spec.key, event.target.value)}
    />
  );
  const dateField = (key: "from" | "to") => (
    <TextField
      key={key}
      id={`catalog-${key}`}
      type="date"
      label={t(`filters.${key}`)}
      value={filters[key]?.slice(0, 10) ?? ""}
      max={key === "from" ? filters.to?.slice(0, 10) : undefined}
      min={key === "to" ? filters.from?.slice(0, 10) : undefined}
      onChange={(event) => onChange(key, event.target.value)}
    />
  );

  const chips = Object.keys(filters)
    .filter((key) => key !== "sort")
    .map((key) => {
      const filterKey = key as CatalogFilterKey;
      const text = filterText(filters, filterKey) ?? "";
      const spec = filterKey in selects ? selects[filterKey as keyof typeof selects] : undefined;
      const label = spec?.label ?? t(`filters.${filterKey as "q" | "sku" | "from" | "to"}`);
      const valueLabel = spec?.options.find((option) => option.value === text)?.label ?? text;
      return { key: filterKey, label, valueLabel };
    });

  return (
    <div role="search" aria-label={t("filtersLabel")} className="mb-4 space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <CatalogSearchBox value={filters.q ?? ""} onCommit={(value, mode) => onChange("q", value, mode)} />
        </div>
        <div className="w-full sm:w-56">{select(selects.sort)}</div>
        <Button
          variant="secondary"
          aria-expanded={isOpen}
          aria-controls="catalog-more-filters"
          onClick={() => setIsOpen((open) => !open)}
        >
          {isOpen
            ? t("filters.less")
            : advancedActive > 0
              ? t("filters.moreCount", { count: advancedActive })
              : t("filters.more")}
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {select(selects.collectionId)}
        {select(selects.status)}
        {select(selects.matchStatus)}
      </div>
      {isOpen ? (
        <div id="catalog-more-filters" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6">
          {select(selects.brandId)}
          {select(selects.batchId)}
          {select(selects.processingStatus)}
          {select(selects.aiStatus)}
          {select(selects.hasProduct)}
          {select(selects.aiDivergence)}
          {select(selects.color)}
          {select(selects.categoria)}
          {select(selects.tipoPeca)}
          {dateField("from")}
          {dateField("to")}
          <SkuField value={filters.sku ?? ""} onCommit={(value) => onChange("sku", value)} />
        </div>
      ) : null}
      {chips.length > 0 ? (
        <ul aria-label={t("filters.active")} className="flex flex-wrap gap-2">
          {chips.map((chip) => (
            <li key={chip.key}>
              <button
                type="button"
                data-testid="filter-chip"
                aria-label={t("filters.remove", { label: chip.label, value: chip.valueLabel })}
                onClick={() => onChange(chip.key, "")}
                className="inline-flex h-7 items-center gap-1.5 rounded-full border border-accent-400/30 bg-accent-500/15 px-3 text-xs text-accent-100 hover:bg-accent-500/25 focus-visible:outline-2 focus-visible:outline-accent-300"
              >
                <span className="text-accent-300">{chip.label}:</span>
                <span className="max-w-48 truncate">{chip.valueLabel}</span>
                <CloseIcon className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A filter's value as the URL writes it (a boolean as "true"/"false"). */
function filterText(filters: CatalogFilters, key: CatalogFilterKey): string | undefined {
  const value = filters[key];
  return value === undefined ? undefined : String(value);
}

/** Exact SKU (product SKU or the SKU read from the name): applied on Enter or when the field is left. */
function SkuField({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const t = useTranslations("catalog.filters");
  return (
    <form
      // A new SKU in the URL (back button, a shared link) remounts the box with it.
      key={value}
      onSubmit={(event) => {
        event.preventDefault();
        onCommit(String(new FormData(event.currentTarget).get("sku") ?? ""));
      }}
    >
      <TextField
        id="catalog-sku"
        name="sku"
        type="search"
        label={t("sku")}
        placeholder={t("skuHint")}
        defaultValue={value}
        autoComplete="off"
        maxLength={120}
        onBlur={(event) => {
          if (event.target.value.trim() !== value) onCommit(event.target.value);
        }}
      />
    </form>
  );
}
