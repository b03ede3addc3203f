"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { BrandCollectionFields } from "@/components/batches/brand-collection-fields";
import { cn } from "@/components/ui/cn";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";
import { useBatches } from "@/lib/queries/batches";

export type DestinationState = {
  kind: "new" | "existing";
  name: string;
  brandId: string | null;
  collectionId: string | null;
  batchId: string;
};

const RADIO =
  "size-4 border-white/30 bg-slate-950 accent-accent-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-400";

/** Where the images go: a new batch (name, brand, collection, with the batch form's pickers) or an existing one. */
export function GenerationDestinationFields({
  value,
  onChange,
  onError,
}: {
  value: DestinationState;
  onChange: (value: DestinationState) => void;
  onError: (message: string) => void;
}) {
  const t = useTranslations("generation.destination");
  const id = useId();
  const batches = useBatches();
  const options = (batches.data?.pages.flatMap((page) => page.items) ?? [])
    .filter((batch) => batch.status !== "CANCELLED" && !batch.deletedAt)
    .map((batch) => ({
      value: batch.id,
      label: [batch.name, batch.brand?.name, batch.collection?.name].filter(Boolean).join(" · "),
    }));
  return (
    <fieldset className="space-y-4">
      <legend className="text-sm font-semibold text-white">{t("title")}</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {(["new", "existing"] as const).map((kind) => (
          <label key={kind} className="flex cursor-pointer items-center gap-2 text-sm text-slate-200">
            <input
              type="radio"
              name={`${id}-kind`}
              className={RADIO}
              checked={value.kind === kind}
              onChange={() => onChange({ ...value, kind })}
            />
            {t(kind)}
          </label>
        ))}
      </div>
      <div className={cn("grid gap-4 md:grid-cols-3 md:items-start", value.kind !== "new" && "hidden")}>
        <TextField
          id={`${id}-name`}
          label={t("name")}
          placeholder={t("namePlaceholder")}
          value={value.name}
          maxLength={120}
          onChange={(e) => onChange({ ...value, name: e.target.value })}
        />
        <BrandCollectionFields
          brandId={value.brandId}
          collectionId={value.collectionId}
          onChange={(scope) => onChange({ ...value, ...scope })}
          onError={onError}
        />
      </div>
      {value.kind === "existing" ? (
        <div className="max-w-xl">
          <FilterSelect
            id={`${id}-batch`}
            label={t("batch")}
            emptyOption={batches.isPending ? t("loadingBatches") : t("chooseBatch")}
            options={options}
            value={value.batchId}
            onChange={(e) => onChange({ ...value, batchId: e.target.value })}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
