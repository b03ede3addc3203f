"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { useDropzone } from "react-dropzone";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FileDropPrompt } from "@/components/ui/file-drop-prompt";
import { DownloadIcon, LinkIcon, SpinnerIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import { URL_LIST_TEMPLATE_PATH, useCreateUrlBatch, useUrlListPreview } from "@/lib/queries/url-list";
import { BrandCollectionFields } from "../brand-collection-fields";
import { UrlListPreviewView } from "./url-list-preview";

const DEFAULT_CHUNK_SIZE = 2000;
const MAX_CHUNK_SIZE = 10_000;
const isListFile = (file: File) => /\.(csv|txt)$/i.test(file.name);

/**
 * "Importar URLs": name, brand/collection, chunk size and auto-start, the template, a CSV/TXT list
 * read by the server into a preview (counts, invalid lines with their numbers and reasons, valid
 * rows), then "Criar lote" sends the same file with the fields and opens the new batch's page.
 */
export function UrlImportPanel() {
  const t = useTranslations("batchUrls.form");
  const errorText = useErrorText();
  const id = useId();
  const router = useRouter();
  const preview = useUrlListPreview();
  const create = useCreateUrlBatch();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<{ brandId: string | null; collectionId: string | null }>({
    brandId: null,
    collectionId: null,
  });
  const [chunkSize, setChunkSize] = useState(String(DEFAULT_CHUNK_SIZE));
  const [autoStart, setAutoStart] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const choose = (chosen: File | undefined) => {
    setError(null);
    create.reset();
    if (!chosen) return;
    if (!isListFile(chosen)) {
      setFile(null);
      preview.reset();
      return setError(t("notAList"));
    }
    setFile(chosen);
    preview.mutate(chosen, { onError: (e) => setError(t("error", { message: errorText(e) })) });
  };

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => choose(accepted[0]),
    multiple: false,
    noClick: true,
    noKeyboard: true,
    disabled: preview.isPending || create.isPending,
  });

  const chunk = Number(chunkSize);
  const isChunkValid = Number.isInteger(chunk) && chunk >= 1 && chunk <= MAX_CHUNK_SIZE;
  const canCreate = Boolean(file && preview.data && preview.data.valid > 0 && isChunkValid && !create.isPending);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !preview.data) return;
    if (!isChunkValid) return setError(t("chunkSizeInvalid"));
    setError(null);
    create.mutate(
      { file, options: { name: name.trim(), ...scope, autoStart, chunkSize: chunk } },
      {
        onSuccess: (batch) => router.push(`/lotes/${batch.id}`),
        onError: (e) => setError(t("error", { message: errorText(e) })),
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="url-import-form"
      className="glass space-y-5 rounded-2xl p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <h2 id={`${id}-title`} className="flex items-center gap-2 text-base font-semibold text-white">
            <LinkIcon className="size-5 text-accent-300" />
            {t("title")}
          </h2>
          <p className="mt-1 text-sm text-slate-300">{t("description")}</p>
        </div>
        <div className="flex flex-col items-start gap-1.5 xl:items-end xl:text-right">
          <a
            href={URL_LIST_TEMPLATE_PATH}
            download
            className={buttonClasses("secondary", "sm")}
            aria-describedby={`${id}-template-hint`}
          >
            <DownloadIcon className="size-4" />
            {t("template")}
          </a>
          <p id={`${id}-template-hint`} className="text-xs text-slate-400">
            {t("templateHint")}
          </p>
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4 xl:items-start">
        <TextField
          id={`${id}-name`}
          label={t("name")}
          placeholder={t("namePlaceholder")}
          hint={t("nameHint")}
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
        />
        <BrandCollectionFields
          brandId={scope.brandId}
          collectionId={scope.collectionId}
          onChange={setScope}
          onError={(message) => setError(t("error", { message }))}
        />
        <TextField
          id={`${id}-chunk`}
          label={t("chunkSize")}
          hint={t("chunkSizeHint")}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CHUNK_SIZE}
          step={1}
          value={chunkSize}
          aria-invalid={!isChunkValid}
          onChange={(e) => setChunkSize(e.target.value)}
        />
      </div>

      <label className="flex w-fit cursor-pointer items-center gap-2.5 text-sm text-slate-200">
        <input
          type="checkbox"
          checked={autoStart}
          onChange={(e) => setAutoStart(e.target.checked)}
          className="size-4 rounded border-white/30 bg-slate-950 accent-accent-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-400"
        />
        {t("autoStart")}
      </label>

      <div
        {...getRootProps({
          className: cn(
            "flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors",
            isDragActive ? "border-accent-400 bg-accent-500/10" : "border-white/15 bg-slate-950/30",
          ),
        })}
        data-testid="url-list-dropzone"
      >
        <input
          {...getInputProps({ id: `${id}-file`, "aria-label": t("file"), accept: ".csv,.txt,text/csv,text/plain" })}
        />
        <FileDropPrompt
          isDragActive={isDragActive}
          onChoose={open}
          dropText={t("drop")}
          dropActiveText={t("dropActive")}
          chooseText={t("choose")}
        />
        <p className="text-xs text-slate-400">{file ? t("chosen", { name: file.name }) : t("file")}</p>
      </div>

      {preview.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("reading")}
        </p>
      ) : null}

      {preview.data && file ? (
        <UrlListPreviewView preview={preview.data} chunkSize={isChunkValid ? chunk : null} />
      ) : null}

      {error ? (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      ) : null}

      <div className="flex flex-wrap justify-end gap-2">
        {file ? (
          <Button variant="ghost" onClick={open} disabled={create.isPending}>
            {t("clear")}
          </Button>
        ) : null}
        <Button type="submit" disabled={!canCreate}>
          {create.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : null}
          {create.isPending ? t("creating") : t("create")}
        </Button>
      </div>
    </form>
  );
}
