"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type KeyboardEvent } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { useBrands, useCollections, useCreateBrand, useCreateCollection } from "@/lib/queries/batches";

const NEW = "__new__";

const inputClass =
  "block h-9 w-full rounded-lg border border-white/15 bg-slate-950/60 px-3 text-sm text-slate-100 placeholder:text-slate-400 " +
  "focus-visible:border-accent-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-400";

type InlineCreateProps = {
  id: string;
  label: string;
  buttonLabel: string;
  isPending: boolean;
  onCreate: (name: string) => void;
  onCancel: () => void;
};

/** "+ Nova marca": a small inline form inside the batch form (Enter creates, Escape closes). */
function InlineCreate({ id, label, buttonLabel, isPending, onCreate, onCancel }: InlineCreateProps) {
  const common = useTranslations("common");
  const [name, setName] = useState("");
  const submit = () => {
    if (name.trim()) onCreate(name.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="mt-2 space-y-2 rounded-lg border border-white/10 bg-white/[0.03] p-2">
      <label htmlFor={id} className="block text-xs font-medium text-slate-300">
        {label}
      </label>
      <input
        id={id}
        autoFocus
        className={inputClass}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="flex flex-wrap justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {common("cancel")}
        </Button>
        <Button size="sm" onClick={submit} disabled={isPending || !name.trim()}>
          {buttonLabel}
        </Button>
      </div>
    </div>
  );
}

type Props = {
  brandId: string | null;
  collectionId: string | null;
  onChange: (value: { brandId: string | null; collectionId: string | null }) => void;
  onError: (message: string) => void;
};

/** Brand and collection selects fed by the API, each with inline creation. */
export function BrandCollectionFields({ brandId, collectionId, onChange, onError }: Props) {
  const t = useTranslations("batches.form");
  const errorText = useErrorText();
  const id = useId();
  const brands = useBrands();
  const collections = useCollections(brandId);
  const createBrand = useCreateBrand();
  const createCollection = useCreateCollection();
  const [isAddingBrand, setIsAddingBrand] = useState(false);
  const [isAddingCollection, setIsAddingCollection] = useState(false);

  const addBrand = (name: string) =>
    createBrand.mutate(name, {
      onSuccess: (brand) => {
        setIsAddingBrand(false);
        onChange({ brandId: brand.id, collectionId: null });
      },
      onError: (error) => onError(errorText(error)),
    });

  const addCollection = (name: string) => {
    if (!brandId) return;
    createCollection.mutate(
      { brandId, name },
      {
        onSuccess: (collection) => {
          setIsAddingCollection(false);
          onChange({ brandId, collectionId: collection.id });
        },
        onError: (error) => onError(errorText(error)),
      },
    );
  };

  return (
    <>
      <div className="space-y-1.5">
        <FilterSelect
          id={`${id}-brand`}
          label={t("brand")}
          emptyOption={t("noBrand")}
          options={[
            ...(brands.data ?? []).map((brand) => ({ value: brand.id, label: brand.name })),
            { value: NEW, label: t("addBrand") },
          ]}
          value={isAddingBrand ? NEW : (brandId ?? "")}
          onChange={(e) => {
            if (e.target.value === NEW) return setIsAddingBrand(true);
            setIsAddingBrand(false);
            onChange({ brandId: e.target.value || null, collectionId: null });
          }}
        />
        {isAddingBrand ? (
          <InlineCreate
            id={`${id}-new-brand`}
            label={t("newBrandName")}
            buttonLabel={t("createBrand")}
            isPending={createBrand.isPending}
            onCreate={addBrand}
            onCancel={() => setIsAddingBrand(false)}
          />
        ) : null}
      </div>
      <div className="space-y-1.5">
        <FilterSelect
          id={`${id}-collection`}
          label={t("collection")}
          disabled={!brandId}
          hint={brandId ? undefined : t("chooseBrandFirst")}
          emptyOption={t("noCollection")}
          options={[
            ...(collections.data ?? []).map((collection) => ({ value: collection.id, label: collection.name })),
            { value: NEW, label: t("addCollection") },
          ]}
          value={isAddingCollection ? NEW : (collectionId ?? "")}
          onChange={(e) => {
            if (e.target.value === NEW) return setIsAddingCollection(true);
            setIsAddingCollection(false);
            onChange({ brandId, collectionId: e.target.value || null });
          }}
        />
        {isAddingCollection && brandId ? (
          <InlineCreate
            id={`${id}-new-collection`}
            label={t("newCollectionName")}
            buttonLabel={t("createCollection")}
            isPending={createCollection.isPending}
            onCreate={addCollection}
            onCancel={() => setIsAddingCollection(false)}
          />
        ) : null}
      </div>
    </>
  );
}
