"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AiRunModal } from "@/components/ai/ai-run-modal";
import { ExportContentLink } from "@/components/content/export-content-link";
import { ExportMenu } from "@/components/export/export-menu";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { DownloadIcon, SpinnerIcon } from "@/components/ui/icons";
import { SparkleIcon } from "@/components/ui/icons";
import { FIELD_FRAME_CLASSES } from "@/components/ui/field-frame";
import { cn } from "@/components/ui/cn";
import { catalogFilterRecord, type CatalogFilters } from "@/lib/catalog/catalog-filters";
import {
  downloadSelectionZip,
  useBulkAction,
  useBulkRun,
  type BulkActionBody,
  type BulkSelectionBody,
} from "@/lib/queries/catalog-bulk";
import type { ImageFacets } from "@/lib/queries/types";
import type { CatalogSelectionState } from "./catalog-selection";

const STATUSES = ["PENDENTE", "APROVADO", "REJEITADO", "PENDENTE_ANALISE_IA"] as const;

type Notice = { tone: "info" | "error"; text: string } | null;

/**
 * The floating bar of the catalog's selection (sticky to the bottom of the content column, so it
 * never covers the sidebar): how many are selected, "select all N results", clear,
 * and the bulk actions (status, link / unlink a SKU, Pendente Análise IA: EDITOR and up; the ZIP of
 * the originals: everyone). A large filter selection becomes a job, polled here until it is done.
 * "Analisar com IA" (EDITOR and up) opens the AI run modal for the same selection.
 */
export function CatalogBulkBar({
  selection,
  selectedCount,
  loadedCount,
  facets,
  filters,
  canEdit,
  onSelectAll,
  onClear,
}: {
  selection: CatalogSelectionState;
  selectedCount: number;
  loadedCount: number;
  facets: ImageFacets | undefined;
  filters: CatalogFilters;
  canEdit: boolean;
  onSelectAll: () => void;
  onClear: () => void;
}) {
  const t = useTranslations("catalogBulk");
  const tAi = useTranslations("ai");
  const workflow = useTranslations("workflow.status");
  const errorText = useErrorText();
  const bulk = useBulkAction();
  const [runId, setRunId] = useState<string | null>(null);
  const run = useBulkRun(runId);
  const [notice, setNotice] = useState<Notice>(null);
  const [status, setStatus] = useState("");
  const [sku, setSku] = useState("");
  const [isDownloading, setIsDownloading] = useState(false);
  const [isAiOpen, setIsAiOpen] = useState(false);

  const body: BulkSelectionBody =
    selection.kind === "ids" ? { imageIds: [...selection.ids] } : { filter: catalogFilterRecord(filters) };
  const total = facets?.total ?? null;
  const estimate = facets?.isEstimate ?? false;
  const isRunning = bulk.isPending || (runId !== null && run.data?.isDone !== true);

  const apply = (action: BulkActionBody) => {
    setNotice(null);
    bulk.mutate(
      { selection: body, body: action },
      {
        onSuccess: (outcome) => {
          if (outcome.kind === "queued") setRunId(outcome.runId);
          else setNotice({ tone: "info", text: t("result", outcome.result) });
        },
        onError: (error) => setNotice({ tone: "error", text: errorText(error) }),
      },
    );
  };
  const onStatus = (event: FormEvent) => {
    event.preventDefault();
    if (status) apply({ action: "setStatus", status });
  };
  const onLink = (event: FormEvent) => {
    event.preventDefault();
    if (sku.trim()) apply({ action: "linkSku", sku: sku.trim() });
  };
  const onDownload = async () => {
    setNotice(null);
    setIsDownloading(true);
    try {
      await downloadSelectionZip(body);
      setNotice({ tone: "info", text: t("downloadReady") });
    } catch (error) {
      setNotice({ tone: "error", text: errorText(error) });
    } finally {
      setIsDownloading(false);
    }
  };

  // A job's progress and outcome, once its run is read.
  const runNotice: Notice =
    runId && run.data
      ? run.data.status === "FAILED"
        ? { tone: "error", text: t("failed", { error: run.data.error ?? "" }) }
        : run.data.isDone
          ? { tone: "info", text: t("result", { changed: run.data.changed, skipped: run.data.skipped }) }
          : { tone: "info", text: t("running", { changed: run.data.changed }) }
      : null;
  const shown = runNotice ?? notice;

  const countText =
    selection.kind === "filter"
      ? t(estimate ? "allResultsEstimate" : "allResults", { total: total ?? loadedCount })
      : t("selectedCount", { count: selectedCount });
  const canSelectAll = selection.kind === "ids" && total !== null && total > selectedCount;

  return (
    <section
      aria-label={t("barLabel")}
      data-testid="bulk-bar"
      className="glass sticky bottom-4 z-30 mt-4 rounded-2xl border border-white/15 p-3 shadow-2xl shadow-black/40"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <p data-testid="bulk-count" className="text-sm font-semibold text-white">
          {countText}
        </p>
        {canSelectAll ? (
          <Button variant="ghost" size="sm" data-testid="bulk-select-all" onClick={onSelectAll}>
            {t(estimate ? "selectAllEstimate" : "selectAll", { total: total ?? 0 })}
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" onClick={onClear}>
          {t("clear")}
        </Button>
        <Button
          variant="primary"
          size="sm"
          className="ml-auto"
          disabled={isDownloading}
          onClick={() => void onDownload()}
        >
          {isDownloading ? <SpinnerIcon className="size-4 animate-spin" /> : <DownloadIcon className="size-4" />}
          {isDownloading ? t("downloading") : t("download")}
        </Button>
        <ExportMenu
          selection={"imageIds" in body ? { imageIds: body.imageIds } : { filter: body.filter }}
          rows={selection.kind === "ids" ? selectedCount : total}
          isEstimate={selection.kind === "filter" && estimate}
          testId="bulk-export-menu"
        />
        <ExportContentLink selection={body} />
      </div>
      {canEdit ? (
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-white/10 pt-2">
          <Button variant="primary" size="sm" data-testid="bulk-ai" onClick={() => setIsAiOpen(true)}>
            <SparkleIcon className="size-4" />
            {tAi("bulk.analyze")}
          </Button>
          <form onSubmit={onStatus} className="flex items-center gap-1.5">
            <FilterSelect
              id="bulk-status"
              label={t("status")}
              isLabelHidden
              size="sm"
              emptyOption={t("statusPlaceholder")}
              options={STATUSES.map((value) => ({ value, label: workflow(value) }))}
              value={status}
              onChange={(event) => setStatus(event.target.value)}
              className="w-44"
            />
            <Button type="submit" variant="secondary" size="sm" disabled={!status || isRunning}>
              {t("apply")}
            </Button>
          </form>
          <form onSubmit={onLink} className="flex items-center gap-1.5">
            <label htmlFor="bulk-sku" className="sr-only">
              {t("sku")}
            </label>
            <input
              id="bulk-sku"
              value={sku}
              onChange={(event) => setSku(event.target.value)}
              placeholder={t("sku")}
              maxLength={120}
              className={cn(FIELD_FRAME_CLASSES, "h-9 w-36 px-2 text-xs placeholder:text-slate-400")}
            />
            <Button type="submit" variant="secondary" size="sm" disabled={!sku.trim() || isRunning}>
              {t("link")}
            </Button>
            <Button variant="ghost" size="sm" disabled={isRunning} onClick={() => apply({ action: "unlinkSku" })}>
              {t("unlink")}
            </Button>
          </form>
          <Button variant="secondary" size="sm" disabled={isRunning} onClick={() => apply({ action: "markAiPending" })}>
            {t("markAi")}
          </Button>
        </div>
      ) : null}
      <p
        role="status"
        data-testid="bulk-result"
        className={cn(
          "text-sm",
          shown ? "mt-2" : "sr-only",
          shown?.tone === "error" ? "text-rose-200" : "text-slate-200",
        )}
      >
        {isRunning && !runNotice ? <SpinnerIcon className="mr-2 inline size-4 animate-spin" /> : null}
        {shown?.text ?? ""}
      </p>
      {isAiOpen ? (
        <AiRunModal selection={body} selectionText={countText} canEdit={canEdit} onClose={() => setIsAiOpen(false)} />
      ) : null}
    </section>
  );
}
