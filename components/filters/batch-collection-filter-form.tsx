import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";

type Option = { id: string; name: string };

/**
 * The plain GET form of the pages that filter by batch and collection (Conciliação, Possíveis
 * duplicatas): two selects and a submit button; the page reads the query string it submits.
 */
export function BatchCollectionFilterForm({
  options,
  values,
}: {
  options: { batches: Option[]; collections: Option[] };
  values: { batchId?: string; collectionId?: string };
}) {
  const labels = useTranslations("common.batchCollectionFilter");
  return (
    <form method="get" className="mb-6 grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-end">
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
      <button type="submit" className={buttonClasses("secondary")}>
        {labels("submit")}
      </button>
    </form>
  );
}
