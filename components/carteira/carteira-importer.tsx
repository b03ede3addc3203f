"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { SpinnerIcon, UploadIcon } from "@/components/ui/icons";
import type { CanonicalField } from "@/lib/carteira/parse/types";
import { useCarteiraImport, useCarteiraPreview } from "@/lib/queries/carteira";
import type { CarteiraMapping, CarteiraPreview } from "@/lib/queries/types";
import { ColumnMappingTable } from "./column-mapping-table";
import { ImportResult } from "./import-result";

type Option = { id: string; name: string };
type CollectionOption = Option & { brandId: string };

/** The carteira import flow: file → preview + mapping → import → result or progress. */
export function CarteiraImporter({ brands, collections }: { brands: Option[]; collections: CollectionOption[] }) {
  const t = useTranslations("carteira");
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  // Kept across re-previews (another sheet chosen) so the screen does not blank while the server reads.
  const [preview, setPreview] = useState<CarteiraPreview | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [shownSheet, setShownSheet] = useState<string>("");
  const [overrides, setOverrides] = useState<CarteiraMapping>({});
  const [brandId, setBrandId] = useState("");
  const [collectionId, setCollectionId] = useState("");

  const errorText = useErrorText();
  const previewRequest = useCarteiraPreview();
  // The history table is server-rendered: refreshed whenever an import ends.
  const importRun = useCarteiraImport(() => router.refresh());

  function loadPreview(next: File, chosen?: string[]) {
    importRun.reset();
    previewRequest.mutate(
      { file: next, sheets: chosen },
      {
        onSuccess: (body) => {
          setPreview(body);
          setSheets(chosen ?? body.sheets.map((s) => s.name));
          setShownSheet((current) =>
            body.sheets.some((s) => s.name === current) ? current : (body.sheets[0]?.name ?? ""),
          );
        },
        onError: () => setPreview(null),
      },
    );
  }

  const sheet = preview?.sheets.find((s) => s.name === shownSheet) ?? preview?.sheets[0];
  const effective = (headers: string[], detected: CarteiraMapping): CarteiraMapping => {
    const out: CarteiraMapping = {};
    const claimed = new Set<CanonicalField>();
    // User choices claim their field first, as the server does.
    for (const h of headers) if (h in overrides && overrides[h]) claimed.add(overrides[h]!);
    for (const h of headers) {
      if (h in overrides) out[h] = overrides[h] ?? null;
      else out[h] = detected[h] && !claimed.has(detected[h]!) ? detected[h]! : null;
    }
    return out;
  };
  const missingSkuSheets = useMemo(
    () =>
      (preview?.sheets ?? [])
        .filter((s) => sheets.includes(s.name) && !Object.values(effective(s.headers, s.mapping)).includes("sku"))
        .map((s) => s.name),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [preview, sheets, overrides],
  );

  function runImport() {
    if (!file || !preview) return;
    const isSpreadsheet = preview.kind !== "csv";
    importRun.start(file, { sheets: isSpreadsheet ? sheets : undefined, mapping: overrides, brandId, collectionId });
  }

  const outcome = importRun.outcome;
  const result = outcome
    ? {
        summary: outcome.summary,
        message:
          outcome.summary.status === "FAILED"
            ? errorText(outcome.refusal ?? { code: outcome.summary.errorCode ?? "IMPORT_FAILED" })
            : undefined,
      }
    : null;
  const error = previewRequest.error ?? importRun.error;
  const progress = importRun.progress;

  function reset() {
    setFile(null);
    setPreview(null);
    setOverrides({});
    previewRequest.reset();
    importRun.reset();
    if (fileInput.current) fileInput.current.value = "";
  }

  const brandCollections = collections.filter((c) => !brandId || c.brandId === brandId);
  const isImporting = previewRequest.isPending || importRun.isRunning;

  return (
    <div className="space-y-6">
      <section aria-labelledby="carteira-upload-title" className="glass space-y-4 rounded-2xl p-6">
        <div>
          <h2 id="carteira-upload-title" className="text-lg font-semibold text-white">
            {t("upload.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-300">{t("upload.description")}</p>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="carteira-file" className="flex items-center gap-2 text-sm font-medium text-slate-200">
            <UploadIcon className="size-4" aria-hidden="true" />
            {t("upload.fileLabel")}
          </label>
          <input
            ref={fileInput}
            id="carteira-file"
            type="file"
            accept=".csv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
            aria-describedby="carteira-file-hint"
            disabled={isImporting}
            className="block w-full text-sm text-slate-200 file:mr-4 file:rounded-lg file:border-0 file:bg-accent-600 file:px-4 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-accent-700"
            onChange={(e) => {
              const next = e.target.files?.[0] ?? null;
              setFile(next);
              setOverrides({});
              if (next) void loadPreview(next);
            }}
          />
          <p id="carteira-file-hint" className="text-xs text-slate-400">
            {t("upload.fileHint")}
          </p>
        </div>
        {previewRequest.isPending && !preview ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" aria-hidden="true" />
            {t("upload.reading")}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-rose-300">
            {errorText(error)}
          </p>
        ) : null}
      </section>

      {preview && sheet && file ? (
        <section aria-labelledby="carteira-preview-title" className="glass space-y-4 rounded-2xl p-6">
          <div>
            <h2 id="carteira-preview-title" className="text-lg font-semibold text-white">
              {t("preview.title")}
            </h2>
            <p className="mt-1 text-sm text-slate-300">
              {sheet.totalRows === null
                ? t("preview.summaryUnknownRows", { file: file.name, header: sheet.headerRowNumber })
                : t("preview.summary", { file: file.name, header: sheet.headerRowNumber, rows: sheet.totalRows })}
            </p>
          </div>

          {preview.kind !== "csv" && preview.availableSheets.length > 1 ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-200">{t("preview.sheetsLegend")}</legend>
              <div className="flex flex-wrap gap-4">
                {preview.availableSheets.map((s) => (
                  <label key={s.name} className="flex items-center gap-2 text-sm text-slate-100">
                    <input
                      type="checkbox"
                      className="size-4 accent-violet-500"
                      checked={sheets.includes(s.name)}
                      disabled={isImporting}
                      onChange={(e) => {
                        const next = e.target.checked ? [...sheets, s.name] : sheets.filter((n) => n !== s.name);
                        if (next.length > 0)
                          void loadPreview(
                            file,
                            preview.availableSheets.map((a) => a.name).filter((n) => next.includes(n)),
                          );
                      }}
                    />
                    {s.hidden ? t("preview.hiddenSheet", { name: s.name }) : s.name}
                  </label>
                ))}
              </div>
              {preview.sheets.length > 1 ? (
                <div className="max-w-xs">
                  <FilterSelect
                    id="carteira-sheet-tab"
                    label={t("preview.sheetTab")}
                    options={preview.sheets.map((s) => ({ value: s.name, label: s.name }))}
                    value={sheet.name}
                    onChange={(e) => setShownSheet(e.target.value)}
                  />
                </div>
              ) : null}
            </fieldset>
          ) : null}

          {missingSkuSheets.length > 0 ? (
            <div
              role="alert"
              className="rounded-xl border border-amber-400/40 bg-amber-500/10 p-3 text-sm text-amber-100"
            >
              <p>{t("preview.missingSku")}</p>
              {preview.sheets.length > 1 ? (
                <ul className="mt-1 list-disc pl-5">
                  {missingSkuSheets.map((n) => (
                    <li key={n}>{t("preview.missingSkuSheet", { sheet: n })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          {preview.duplicates.length > 0 ? (
            <div role="alert" className="rounded-xl border border-rose-400/40 bg-rose-500/10 p-3 text-sm text-rose-100">
              <p>{t("preview.duplicates", { count: preview.duplicates.length })}</p>
              <ul className="mt-1 list-disc pl-5">
                {preview.duplicates.slice(0, 10).map((d) => (
                  <li key={d.sku}>
                    {t("preview.duplicateItem", { sku: d.sku, places: d.occurrences.map((o) => o.line).join(", ") })}
                  </li>
                ))}
              </ul>
            </div>
          ) : !preview.isDuplicateCheckDone && !preview.missingSku ? (
            <p className="text-xs text-slate-400">{t("preview.duplicatesNotChecked")}</p>
          ) : null}

          <p className="text-sm text-slate-300">{t("preview.mappingHint")}</p>
          <ColumnMappingTable
            sheet={sheet}
            mapping={effective(sheet.headers, sheet.mapping)}
            disabled={isImporting}
            onChange={(header, field) => setOverrides((o) => ({ ...o, [header]: field }))}
          />

          <fieldset className="grid gap-4 md:grid-cols-2">
            <legend className="mb-2 text-sm font-medium text-slate-200">
              {t("defaults.legend")} <span className="font-normal text-slate-400">— {t("defaults.hint")}</span>
            </legend>
            <FilterSelect
              id="carteira-brand"
              label={t("defaults.brand")}
              emptyOption={t("defaults.none")}
              options={brands.map((b) => ({ value: b.id, label: b.name }))}
              value={brandId}
              disabled={isImporting}
              onChange={(e) => {
                setBrandId(e.target.value);
                setCollectionId("");
              }}
            />
            <FilterSelect
              id="carteira-collection"
              label={t("defaults.collection")}
              emptyOption={t("defaults.none")}
              options={brandCollections.map((c) => ({ value: c.id, label: c.name }))}
              value={collectionId}
              disabled={isImporting}
              onChange={(e) => setCollectionId(e.target.value)}
            />
          </fieldset>

          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={runImport} disabled={isImporting || missingSkuSheets.length > 0 || sheets.length === 0}>
              {isImporting ? <SpinnerIcon className="size-4 animate-spin" aria-hidden="true" /> : null}
              {isImporting ? t("actions.importing") : t("actions.import")}
            </Button>
            <Button variant="ghost" onClick={reset} disabled={isImporting}>
              {t("actions.reset")}
            </Button>
          </div>
        </section>
      ) : null}

      {importRun.isQueued ? (
        <section aria-live="polite" className="glass space-y-2 rounded-2xl p-6">
          <p className="text-sm text-slate-200">
            {progress && progress.status === "RUNNING" && progress.totalRows > 0
              ? t("progress.running", {
                  processed: progress.processedRows.toLocaleString("pt-BR"),
                  total: progress.totalRows.toLocaleString("pt-BR"),
                })
              : t("progress.queued")}
          </p>
          <progress
            aria-label={t("progress.label")}
            className="h-2 w-full overflow-hidden rounded-full accent-violet-500"
            max={Math.max(progress?.totalRows ?? 0, 1)}
            value={progress?.processedRows ?? 0}
          />
        </section>
      ) : null}

      {result ? <ImportResult summary={result.summary} message={result.message} /> : null}
    </div>
  );
}
