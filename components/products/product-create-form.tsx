"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createProductAction } from "@/app/(dashboard)/produtos/actions";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { TextField } from "@/components/ui/input";
import { collectionOptions, type CollectionChoice } from "./collection-options";

const EMPTY = { sku: "", nomePeca: "", categoria: "", cor: "", collectionId: "" };

export function ProductCreateForm({ collections }: { collections: CollectionChoice[] }) {
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
    <form
      onSubmit={submit}
      aria-labelledby="create-product-title"
      className="glass mb-8 grid gap-4 rounded-2xl p-6 md:grid-cols-6 md:items-end"
    >
      <h2 id="create-product-title" className="text-lg font-semibold text-white md:col-span-6">
        {t("create")}
      </h2>
      <TextField
        id="new-sku"
        label={t("fields.sku")}
        required
        value={form.sku}
        onChange={(e) => setForm({ ...form, sku: e.target.value })}
      />
      <TextField
        id="new-nome"
        label={t("fields.nomePeca")}
        value={form.nomePeca}
        onChange={(e) => setForm({ ...form, nomePeca: e.target.value })}
      />
      <TextField
        id="new-categoria"
        label={t("fields.categoria")}
        value={form.categoria}
        onChange={(e) => setForm({ ...form, categoria: e.target.value })}
      />
      <TextField
        id="new-cor"
        label={t("fields.cor")}
        value={form.cor}
        onChange={(e) => setForm({ ...form, cor: e.target.value })}
      />
      <FilterSelect
        id="new-collection"
        label={t("fields.collectionId")}
        emptyOption={t("none")}
        options={collectionOptions(collections)}
        value={form.collectionId}
        onChange={(e) => setForm({ ...form, collectionId: e.target.value })}
      />
      <Button type="submit" disabled={isPending} className="whitespace-nowrap">
        {isPending ? t("creating") : t("create")}
      </Button>
      {message ? (
        <p
          role={message.kind === "error" ? "alert" : "status"}
          className={`md:col-span-6 text-sm ${message.kind === "error" ? "text-rose-300" : "text-emerald-300"}`}
        >
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
