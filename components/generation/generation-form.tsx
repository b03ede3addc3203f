"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { useDropzone } from "react-dropzone";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FilterSelect } from "@/components/ui/filter-select";
import { FileDropPrompt } from "@/components/ui/file-drop-prompt";
import { SparkleIcon, SpinnerIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/input";
import { FIELD_FRAME_CLASSES } from "@/components/ui/field-frame";
import { useCreateGenerationJob, useGenerationPreview, type PromptSource } from "@/lib/queries/generation";
import { useDebounced } from "@/lib/queries/use-debounced";
import { GenerationDestinationFields, type DestinationState } from "./generation-destination-fields";
import { PromptPreview } from "./prompt-preview";
import { PromptSyntaxHelp } from "./prompt-syntax-help";

export type GenerationDefaults = { model: string; size: string; maxQuantity: number };

const MODELS = ["gpt-image-1", "gpt-image-1-mini", "dall-e-3", "dall-e-2"];
const SIZES = ["1024x1024", "1536x1024", "1024x1536", "auto"];
const QUALITIES = ["auto", "low", "medium", "high", "standard", "hd"] as const;
const TEXT_DEBOUNCE_MS = 400;
const RADIO =
  "size-4 border-white/30 bg-slate-950 accent-accent-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-400";

/**
 * "Nova geração": prompts from a TXT file (dropped or chosen) or typed, the server's preview of
 * them (quantities, SKUs, file names, total), the options (model, size, quality, default quantity,
 * folders) and the destination batch; "Gerar imagens" creates the job, which joins the list below.
 */
export function GenerationForm({ defaults }: { defaults: GenerationDefaults }) {
  const t = useTranslations("generation.form");
  const errorText = useErrorText();
  const id = useId();
  const create = useCreateGenerationJob();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [model, setModel] = useState(defaults.model);
  const [size, setSize] = useState(defaults.size);
  const [quality, setQuality] = useState("");
  const [separateFolders, setSeparateFolders] = useState(true);
  const [destination, setDestination] = useState<DestinationState>({
    kind: "new",
    name: "",
    brandId: null,
    collectionId: null,
    batchId: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; total: number } | null>(null);

  const amount = Number(quantity);
  const isQuantityValid = Number.isInteger(amount) && amount >= 1 && amount <= defaults.maxQuantity;
  const typed = useDebounced(text, TEXT_DEBOUNCE_MS);
  const source: PromptSource | null = file
    ? { kind: "file", file }
    : typed.trim()
      ? { kind: "text", text: typed }
      : null;
  const preview = useGenerationPreview(source, isQuantityValid ? amount : 1);
  const shownPreview = source && !preview.isError ? preview.data : undefined;

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted) => {
      setCreated(null);
      if (accepted[0]) setFile(accepted[0]);
    },
    multiple: false,
    noClick: true,
    noKeyboard: true,
    disabled: create.isPending,
  });

  const destinationReady = destination.kind === "new" ? destination.name.trim() !== "" : destination.batchId !== "";
  const canStart = Boolean(shownPreview && isQuantityValid && destinationReady && !create.isPending);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!source || !shownPreview) return setError(t("noPrompts"));
    if (!destinationReady) return setError(t(destination.kind === "new" ? "nameRequired" : "batchRequired"));
    setError(null);
    const options = { quantity: amount, model, size, quality, separateFolders };
    create.mutate(
      {
        source: file ? { kind: "file", file } : { kind: "text", text },
        options,
        destination:
          destination.kind === "existing"
            ? { kind: "existing", batchId: destination.batchId }
            : {
                kind: "new",
                name: destination.name,
                brandId: destination.brandId,
                collectionId: destination.collectionId,
              },
      },
      {
        onSuccess: (job) => setCreated({ id: job.id, total: job.total }),
        onError: (e) => setError(t("error", { message: errorText(e) })),
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      data-testid="generation-form"
      className="glass space-y-6 rounded-2xl p-5"
    >
      <h2 id={`${id}-title`} className="flex items-center gap-2 text-lg font-semibold text-white">
        <SparkleIcon className="size-5 text-accent-300" />
        {t("title")}
      </h2>

      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4">
          <div
            {...getRootProps({
              className: cn(
                "flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-6 text-center transition-colors",
                isDragActive ? "border-accent-400 bg-accent-500/10" : "border-white/15 bg-slate-950/30",
              ),
            })}
            data-testid="generation-dropzone"
          >
            <input {...getInputProps({ id: `${id}-file`, "aria-label": t("file"), accept: ".txt,text/plain" })} />
            <FileDropPrompt
              isDragActive={isDragActive}
              onChoose={open}
              dropText={t("drop")}
              dropActiveText={t("dropActive")}
              chooseText={t("choose")}
            />
            {file ? (
              <p className="flex flex-wrap items-center justify-center gap-2 text-xs text-slate-300">
                <span data-testid="generation-file-name">{t("chosen", { name: file.name })}</span>
                <button
                  type="button"
                  onClick={() => setFile(null)}
                  className="font-medium text-accent-300 underline-offset-2 hover:underline"
                >
                  {t("removeFile")}
                </button>
              </p>
            ) : (
              <p className="text-xs text-slate-400">{t("fileHint")}</p>
            )}
          </div>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-200">
              {t("typed")}
            </label>
            <textarea
              id={`${id}-text`}
              value={text}
              disabled={file !== null}
              onChange={(e) => {
                setCreated(null);
                setText(e.target.value);
              }}
              rows={8}
              placeholder={t("typedPlaceholder")}
              aria-describedby={`${id}-text-hint`}
              className={cn(FIELD_FRAME_CLASSES, "resize-y px-3 py-2 font-mono text-sm placeholder:text-slate-500")}
            />
            <p id={`${id}-text-hint`} className="text-xs text-slate-400">
              {file ? t("typedDisabled") : t("typedHint")}
            </p>
          </div>
        </div>
        <PromptSyntaxHelp maxQuantity={defaults.maxQuantity} />
      </div>

      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-white">{t("options")}</legend>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start">
          <div>
            <TextField
              id={`${id}-model`}
              label={t("model")}
              hint={t("modelHint")}
              value={model}
              list={`${id}-models`}
              maxLength={100}
              onChange={(e) => setModel(e.target.value)}
            />
            <datalist id={`${id}-models`}>
              {MODELS.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </div>
          <FilterSelect
            id={`${id}-size`}
            label={t("size")}
            options={[...new Set([defaults.size, ...SIZES])].map((value) => ({
              value,
              label: value === "auto" ? t("sizeAuto") : value.replace("x", " × "),
            }))}
            value={size}
            onChange={(e) => setSize(e.target.value)}
          />
          <FilterSelect
            id={`${id}-quality`}
            label={t("quality")}
            emptyOption={t("qualityDefault")}
            options={QUALITIES.map((value) => ({ value, label: t(`qualities.${value}`) }))}
            value={quality}
            onChange={(e) => setQuality(e.target.value)}
          />
          <TextField
            id={`${id}-quantity`}
            label={t("quantity")}
            hint={t("quantityHint", { max: defaults.maxQuantity })}
            type="number"
            inputMode="numeric"
            min={1}
            max={defaults.maxQuantity}
            step={1}
            value={quantity}
            aria-invalid={!isQuantityValid}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
        <div role="radiogroup" aria-label={t("folders")} className="flex flex-wrap gap-x-6 gap-y-2">
          {([true, false] as const).map((isSeparate) => (
            <label key={String(isSeparate)} className="flex cursor-pointer items-center gap-2 text-sm text-slate-200">
              <input
                type="radio"
                name={`${id}-folders`}
                className={RADIO}
                checked={separateFolders === isSeparate}
                onChange={() => setSeparateFolders(isSeparate)}
              />
              {t(isSeparate ? "foldersPerPrompt" : "foldersOne")}
            </label>
          ))}
        </div>
      </fieldset>

      <GenerationDestinationFields
        value={destination}
        onChange={setDestination}
        onError={(message) => setError(t("error", { message }))}
      />

      {source && preview.isFetching && !preview.data ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("reading")}
        </p>
      ) : null}
      {source && preview.isError ? (
        <p role="alert" className="text-sm text-rose-300" data-testid="generation-preview-error">
          {t("previewError", { message: errorText(preview.error) })}
        </p>
      ) : null}
      {shownPreview ? <PromptPreview preview={shownPreview} separateFolders={separateFolders} /> : null}

      {error ? (
        <p role="alert" className="text-sm text-rose-300">
          {error}
        </p>
      ) : null}
      {created ? (
        <p role="status" className="text-sm text-emerald-200" data-testid="generation-created">
          {t("created", { total: created.total })}{" "}
          <Link
            href={`/geracao/${created.id}`}
            className="font-medium text-accent-300 underline-offset-2 hover:underline"
          >
            {t("openResults")}
          </Link>
        </p>
      ) : null}

      <div className="flex flex-wrap items-center justify-end gap-3">
        {shownPreview ? (
          <p className="text-sm text-slate-300">{t("startHint", { images: shownPreview.total })}</p>
        ) : null}
        <Button type="submit" disabled={!canStart}>
          {create.isPending ? <SpinnerIcon className="size-4 animate-spin" /> : <SparkleIcon className="size-4" />}
          {create.isPending ? t("starting") : t("start")}
        </Button>
      </div>
    </form>
  );
}
