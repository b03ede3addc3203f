"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { BatchesExportBar } from "@/components/export/batches-export-bar";
import { Button } from "@/components/ui/button";
import { LayersIcon, PlusIcon, RefreshIcon, SpinnerIcon } from "@/components/ui/icons";
import { useBatches, useStartAll } from "@/lib/queries/batches";
import { BatchCard } from "./batch-card";
import { DeletedBatchCard, ShowDeletedToggle } from "./batch-lifecycle-actions";
import { NewBatchForm } from "./new-batch-form";
import { BatchCreateTabs, type BatchCreateTab } from "./url-import/batch-create-tabs";
import { UrlImportPanel } from "./url-import/url-import-panel";
import { UploadQueueBar } from "./upload-queue-bar";
import type { UploadTransport } from "@/lib/batches/schemas";
import { getUploadQueue, useLeaveWarning, useQueueVersion, useUploadTransport } from "./use-upload-queue";

type Draft = { key: number };

/**
 * The interactive part of /lotes: new batch forms, batch cards, the upload bar and "Processar
 * Todos". Without `canEdit` (a VIEWER) it only lists the batches: no control the server would refuse.
 */
export function BatchQueueClient({
  maxBytes,
  canEdit,
  showDeleted = false,
  uploadTransport = "stream",
}: {
  maxBytes: number;
  canEdit: boolean;
  /** "Mostrar excluídos" (`?excluidos=1`): soft-deleted batches listed too, dimmed, with "Restaurar". */
  showDeleted?: boolean;
  /** "direct" when the store is Vercel Blob: each file goes straight to it (lib/batches/direct-upload). */
  uploadTransport?: UploadTransport;
}) {
  const t = useTranslations("batches.queue");
  const errorText = useErrorText();
  const batches = useBatches({ includeDeleted: showDeleted });
  const startAll = useStartAll();
  const queue = getUploadQueue();
  useUploadTransport(uploadTransport);
  useQueueVersion(queue);
  useLeaveWarning(queue);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [startMessage, setStartMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const [createTab, setCreateTab] = useState<BatchCreateTab>("upload");
  // Batches picked for "Exportar N lotes" (every role may export; soft-deleted ones cannot be).
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const select = (batchId: string, isSelected: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (isSelected) next.add(batchId);
      else next.delete(batchId);
      return next;
    });

  const addDraft = () => {
    setCreateTab("upload");
    setDrafts((d) => [{ key: nextKey }, ...d]);
    setNextKey((k) => k + 1);
  };
  const removeDraft = (key: number) => setDrafts((d) => d.filter((x) => x.key !== key));

  const items = batches.data?.pages.flatMap((p) => p.items) ?? [];
  // Only batches still listed and not deleted are exported (one deleted meanwhile leaves the selection).
  const selectedIds = items.filter((b) => !b.deletedAt && selected.has(b.id)).map((b) => b.id);
  const isUploading = queue.isBusy;

  const processAll = () => {
    setStartMessage(null);
    startAll.mutate(undefined, {
      onSuccess: ({ started }) => setStartMessage({ kind: "ok", text: t("started", { count: started.length }) }),
      onError: (error) => setStartMessage({ kind: "error", text: errorText(error) }),
    });
  };

  return (
    <div className="space-y-6">
      {canEdit ? (
        <BatchCreateTabs
          uploadPanel={
            <>
              <div className="glass flex flex-wrap items-center justify-between gap-4 rounded-2xl p-4">
                <Button variant="secondary" onClick={addDraft}>
                  <PlusIcon className="size-4" />
                  {t("newBatch")}
                </Button>
                <div className="flex flex-wrap items-center gap-3">
                  <p id="process-all-hint" className="max-w-xs text-xs text-slate-300">
                    {isUploading ? t("processAllWaiting") : t("processAllHint")}
                  </p>
                  <Button
                    className="h-12 px-6 text-base"
                    onClick={processAll}
                    disabled={startAll.isPending || isUploading}
                    aria-describedby="process-all-hint"
                  >
                    {startAll.isPending ? (
                      <SpinnerIcon className="size-5 animate-spin" />
                    ) : (
                      <LayersIcon className="size-5" />
                    )}
                    {startAll.isPending ? t("starting") : t("processAll")}
                  </Button>
                </div>
              </div>
              {drafts.map((draft) => (
                <NewBatchForm
                  key={draft.key}
                  defaultName=""
                  onCreated={() => removeDraft(draft.key)}
                  onDiscard={() => removeDraft(draft.key)}
                />
              ))}
            </>
          }
          urlPanel={<UrlImportPanel />}
          selected={createTab}
          onSelect={setCreateTab}
        />
      ) : null}

      {startMessage ? (
        <p
          role={startMessage.kind === "error" ? "alert" : "status"}
          className={startMessage.kind === "error" ? "text-sm text-rose-300" : "text-sm text-emerald-300"}
        >
          {startMessage.text}
        </p>
      ) : null}

      <UploadQueueBar queue={queue} />

      <div className="flex justify-end">
        <ShowDeletedToggle checked={showDeleted} />
      </div>

      {batches.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("loading")}
        </p>
      ) : batches.isError ? (
        <div
          role="alert"
          className="glass flex items-center justify-between gap-3 rounded-2xl p-4 text-sm text-rose-300"
        >
          {t("loadError")}
          <Button size="sm" variant="secondary" onClick={() => void batches.refetch()}>
            <RefreshIcon className="size-4" />
            {t("retry")}
          </Button>
        </div>
      ) : items.length === 0 && drafts.length === 0 ? (
        <section className="glass flex flex-col items-center rounded-2xl px-6 py-14 text-center">
          <div className="mb-5 flex size-14 items-center justify-center rounded-2xl border border-accent-400/30 bg-accent-500/15 text-accent-300 [&_svg]:size-7">
            <LayersIcon />
          </div>
          <h2 className="text-lg font-semibold text-white">{t("emptyTitle")}</h2>
          <p className="mt-2 max-w-md text-sm text-slate-300">
            {canEdit ? t("emptyDescription") : t("emptyDescriptionViewer")}
          </p>
          {canEdit ? (
            <Button className="mt-6" onClick={addDraft}>
              <PlusIcon className="size-4" />
              {t("newBatch")}
            </Button>
          ) : null}
        </section>
      ) : (
        <div className="space-y-4">
          {items.map((batch) =>
            batch.deletedAt ? (
              <DeletedBatchCard key={batch.id} batch={batch} canEdit={canEdit} />
            ) : (
              <BatchCard
                key={batch.id}
                batch={batch}
                maxBytes={maxBytes}
                canUpload={canEdit}
                isSelected={selected.has(batch.id)}
                onSelectedChange={(isSelected) => select(batch.id, isSelected)}
              />
            ),
          )}
        </div>
      )}

      <BatchesExportBar batchIds={selectedIds} onClear={() => setSelected(new Set())} />

      {batches.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void batches.fetchNextPage()}
            disabled={batches.isFetchingNextPage}
          >
            {t("loadMore")}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
