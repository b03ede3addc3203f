"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createProductAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { labelClass, selectClass } from "./form-styles";

type CollectionOption = { id: string; name: string; brandName: string };
const EMPTY = { sku: "", nomePeca: "", categoria: "", cor: "", collectionId: "" };

export function ProductCreateForm({ collections }: { collections: CollectionOption[] }) {
  const t = useTranslations("products");
  const errorText = useErrorText();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [form, setForm] = useState(EMPTY);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createProductAction({ ...form, collectionId: form.collectionId || null });
      if (result.ok) {
        setForm(EMPTY);
        setMessage({ kind: "ok", text: t("created") });
        router.refresh();
      } else {
        setMessage({ kind: "error", text: errorText(result) });
      }
    });
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-product-title" className="glass mb-8 grid gap-4 rounded-2xl p-6 md:grid-cols-6 md:items-end">
      <h2 id="create-product-title" className="text-lg font-semibold text-white md:col-span-6">{t("create")}</h2>
      <TextField id="new-sku" label={t("fields.sku")} required value={form.sku} onChange={(e) => setForm({ ...form, sku: e.target.value })} />
      <TextField id="new-nome" label={t("fields.nomePeca")} value={form.nomePeca} onChange={(e) => setForm({ ...form, nomePeca: e.target.value })} />
      <TextField id="new-categoria" label={t("fields.categoria")} value={form.categoria} onChange={(e) => setForm({ ...form, categoria: e.target.value })} />
      <TextField id="new-cor" label={t("fields.cor")} value={form.cor} onChange={(e) => setForm({ ...form, cor: e.target.value })} />
      <div className="space-y-1.5">
        <label htmlFor="new-collection" className={labelClass}>{t("fields.collectionId")}</label>
        <select id="new-collection" className={selectClass} value={form.collectionId} onChange={(e) => setForm({ ...form, collectionId: e.target.value })}>
          <option value="">{t("none")}</option>
          {collections.map((c) => (
            <option key={c.id} value={c.id}>{`${c.brandName} · ${c.name}`}</option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={isPending} className="whitespace-nowrap">{isPending ? t("creating") : t("create")}</Button>
      {message ? (
        <p role={message.kind === "error" ? "alert" : "status"} className={`md:col-span-6 text-sm ${message.kind === "error" ? "text-rose-300" : "text-emerald-300"}`}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
