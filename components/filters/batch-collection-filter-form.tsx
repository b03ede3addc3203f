import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";

type Option = { id: string; name: string };

/**
 * The plain GET form of the pages that filter by batch and collection (Conciliação, Possíveis
 * duplicatas): two selects and a submit button; the page reads the query string it submits.
 * Relatórios → Métricas adds a brand select (`options.brands`) and a range of days received
 * (`hasDateRange`: `from`/`to`, UTC days).
 */
export function BatchCollectionFilterForm({
  options,
  values,
  hasDateRange = false,
  ariaLabel,
}: {
  options: { batches: Option[]; collections: Option[]; brands?: Option[] };
  values: { batchId?: string; collectionId?: string; brandId?: string; from?: string; to?: string };
  hasDateRange?: boolean;
  ariaLabel?: string;
}) {
  const labels = useTranslations("common.batchCollectionFilter");
  const isWide = options.brands !== undefined || hasDateRange;
  return (
    <form
      method="get"
      aria-label={ariaLabel}
      className={cn(
        "mb-6 grid gap-4 md:items-end",
        isWide ? "sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]" : "md:grid-cols-[1fr_1fr_auto]",
      )}
    >
      {options.brands ? (
        <FilterSelect
          id="brandId"
          name="brandId"
          label={labels("brand")}
          emptyOption={labels("allBrands")}
          options={options.brands.map((b) => ({ value: b.id, label: b.name }))}
          defaultValue={values.brandId ?? ""}
        />
      ) : null}
      <FilterSelect
        id="batchId"
        name="batchId"
        label={labels("batch")}
        emptyOption={labels("allBatches")}
        options={options.batches.map((b) => ({ value: b.id, label: b.name }))}
        defaultValue={values.batchId ?? ""}
      />
      <FilterSelect
        id="collectionId"
        name="collectionId"
        label={labels("collection")}
        emptyOption={labels("allCollections")}
        options={options.collections.map((c) => ({ value: c.id, label: c.name }))}
        defaultValue={values.collectionId ?? ""}
      />
      {hasDateRange ? (
        <>
          <TextField id="from" name="from" type="date" label={labels("from")} defaultValue={values.from ?? ""} />
          <TextField id="to" name="to" type="date" label={labels("to")} defaultValue={values.to ?? ""} />
        </>
      ) : null}
      <button type="submit" className={buttonClasses("secondary")}>
        {labels("submit")}
      </button>
    </form>
  );
}
