"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteProductAction, updateProductAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";
import { collectionOptions, type CollectionChoice } from "./collection-options";
import { PRODUCT_TEXT_FIELDS, type ProductFieldValues } from "./product-fields";

type Values = ProductFieldValues;

type Props = {
  productId: string;
  initial: Values;
  collections: CollectionChoice[];
};

/** The product's carteira fields for an EDITOR: save, delete. A VIEWER gets ProductDetails instead. */
export function ProductEditForm({ productId, initial, collections }: Props) {
  const t = useTranslations("products");
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [values, setValues] = useState<Values>(initial);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const errorText = useErrorText();

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateProductAction({ id: productId, ...values, collectionId: values.collectionId || null });
      if (!result.ok) return setMessage({ kind: "error", text: errorText(result) });
      setMessage({ kind: "ok", text: result.data.changes === 0 ? t("noChanges") : t("saved") });
      router.refresh();
    });
  };

  const remove = () => {
    if (!window.confirm(t("deleteConfirm", { sku: initial.sku }))) return;
    startTransition(async () => {
      const result = await deleteProductAction({ id: productId });
      if (!result.ok) return setMessage({ kind: "error", text: errorText(result) });
      router.push("/produtos");
    });
  };

  return (
    <form
      onSubmit={save}
      aria-labelledby="product-details-title"
      className="glass grid gap-4 rounded-2xl p-6 md:grid-cols-2"
    >
      <h2 id="product-details-title" className="text-lg font-semibold text-white md:col-span-2">
        {t("details")}
      </h2>
      {PRODUCT_TEXT_FIELDS.map((field) => (
        <TextField
          key={field}
          id={`product-${field}`}
          label={t(`fields.${field}`)}
          required={field === "sku"}
          value={values[field]}
          onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        />
      ))}
      <FilterSelect
        id="product-collection"
        label={t("fields.collectionId")}
        emptyOption={t("none")}
        options={collectionOptions(collections)}
        value={values.collectionId}
        onChange={(e) => setValues({ ...values, collectionId: e.target.value })}
      />
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <Button type="submit" disabled={isPending}>
          {isPending ? t("saving") : t("save")}
        </Button>
        <Button variant="ghost" disabled={isPending} onClick={remove} className="text-rose-300 hover:text-rose-200">
          {t("delete")}
        </Button>
      </div>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`md:col-span-2 text-sm ${message.kind === "error" ? "text-rose-300" : "text-emerald-300"}`}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
