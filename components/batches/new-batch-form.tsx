"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/input";
import { useCreateBatch } from "@/lib/queries/batches";
import type { Batch } from "@/lib/queries/types";
import { BrandCollectionFields } from "./brand-collection-fields";

/** A not-yet-saved batch card: name + brand + collection. Saving turns it into a batch card in place. */
export function NewBatchForm({
  defaultName,
  onCreated,
  onDiscard,
}: {
  defaultName: string;
  onCreated: (batch: Batch) => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("batches.form");
  const errorText = useErrorText();
  const id = useId();
  const createBatch = useCreateBatch();
  const [name, setName] = useState(defaultName);
  const [scope, setScope] = useState<{ brandId: string | null; collectionId: string | null }>({
    brandId: null,
    collectionId: null,
  });
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError(t("nameRequired"));
    setError(null);
    createBatch.mutate(
      { name: name.trim(), brandId: scope.brandId ?? undefined, collectionId: scope.collectionId ?? undefined },
      { onSuccess: onCreated, onError: (e) => setError(t("error", { message: errorText(e) })) },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="new-batch-form"
      className="glass rounded-2xl border-dashed p-5"
    >
      <h2 id={`${id}-title`} className="mb-4 text-base font-semibold text-white">
        {t("title")}
      </h2>
      <div className="grid gap-4 md:grid-cols-3 md:items-start">
        <TextField
          id={`${id}-name`}
          label={t("name")}
          placeholder={t("namePlaceholder")}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
        />
        <BrandCollectionFields
          brandId={scope.brandId}
          collectionId={scope.collectionId}
          onChange={setScope}
          onError={(message) => setError(t("error", { message }))}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-rose-300">
          {error}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <Button variant="ghost" onClick={onDiscard}>
          {t("discard")}
        </Button>
        <Button type="submit" disabled={createBatch.isPending}>
          {createBatch.isPending ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}
