"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { deleteProductAction, updateProductAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { labelClass, selectClass } from "./form-styles";

const TEXT_FIELDS = ["sku", "nomePeca", "categoria", "subcategoria", "tipoPeca", "origem", "cor"] as const;
type TextFieldKey = (typeof TEXT_FIELDS)[number];
type Values = Record<TextFieldKey, string> & { collectionId: string };

type Props = {
  productId: string;
  initial: Values;
  collections: { id: string; name: string; brandName: string }[];
  canEdit: boolean;
};

export function ProductEditForm({ productId, initial, collections, canEdit }: Props) {
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
    <form onSubmit={save} aria-labelledby="product-details-title" className="glass grid gap-4 rounded-2xl p-6 md:grid-cols-2">
      <h2 id="product-details-title" className="text-lg font-semibold text-white md:col-span-2">{t("details")}</h2>
      {TEXT_FIELDS.map((field) => (
        <TextField
          key={field}
          id={`product-${field}`}
          label={t(`fields.${field}`)}
          required={field === "sku"}
          readOnly={!canEdit}
          value={values[field]}
          onChange={(e) => setValues({ ...values, [field]: e.target.value })}
        />
      ))}
      <div className="space-y-1.5">
        <label htmlFor="product-collection" className={labelClass}>{t("fields.collectionId")}</label>
        <select id="product-collection" disabled={!canEdit} className={selectClass} value={values.collectionId} onChange={(e) => setValues({ ...values, collectionId: e.target.value })}>
          <option value="">{t("none")}</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>{`${c.brandName} · ${c.name}`}</option>
          ))}
        </select>
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={isPending}>{isPending ? t("saving") : t("save")}</Button>
          <Button variant="ghost" disabled={isPending} onClick={remove} className="text-rose-300 hover:text-rose-200">{t("delete")}</Button>
        </div>
      ) : null}
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`md:col-span-2 text-sm ${message.kind === "error" ? "text-rose-300" : "text-emerald-300"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
