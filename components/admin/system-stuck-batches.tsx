"use client";

import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { BatchStatusBadge } from "@/components/batches/status-badge";
import { useErrorText } from "@/components/errors/use-error-text";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { useResetBatch, type QueueStatus } from "@/lib/queries/system";
import { formatDuration } from "./system-format";
import { SystemConfirmDialog } from "./system-confirm-dialog";

type StuckBatch = QueueStatus["stuck_batches"][number];

/** Batches that look stuck, each with "Reiniciar lote" (confirmed; POST /api/v1/admin/batches/{id}/reset). */
export function SystemStuckBatches({ status, onDone }: { status: QueueStatus; onDone: (message: string) => void }) {
  const t = useTranslations("system.stuckBatches");
  const tStatus = useTranslations("batches.status");
  const locale = useLocale();
  const errorText = useErrorText();
  const reset = useResetBatch();
  const [target, setTarget] = useState<StuckBatch | null>(null);
  const close = () => {
    setTarget(null);
    reset.reset();
  };
  const confirm = () => {
    if (!target) return;
    reset.mutate(target.batch_id, {
      onSuccess: (result) => {
        setTarget(null);
        onDone(
          t("done", {
            images: result.images_requeued,
            urls: result.urls_reset,
            chunks: result.chunk_jobs_sent,
            status: tStatus(result.status),
          }),
        );
      },
    });
  };
  const columns: DataTableColumn<StuckBatch>[] = [
    {
      key: "batch",
      header: t("batch"),
      cell: (b) => (
        <Link href={`/lotes/${b.batch_id}`} className="text-accent-300 underline-offset-2 hover:underline">
          {b.batch_name}
        </Link>
      ),
    },
    { key: "status", header: t("status"), cell: (b) => <BatchStatusBadge status={b.status} /> },
    {
      key: "idle",
      header: t("idle"),
      align: "right",
      className: "whitespace-nowrap",
      cell: (b) => formatDuration(b.idle_seconds, locale),
    },
    {
      key: "orphans",
      header: t("orphans"),
      className: "whitespace-nowrap tabular-nums",
      cell: (b) => t("orphanCounts", { images: b.orphan_images, urls: b.orphan_urls, chunks: b.orphan_chunks }),
    },
    {
      key: "actions",
      header: t("reset"),
      isHeaderHidden: true,
      align: "right",
      cell: (b) => (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => setTarget(b)}
          aria-label={`${t("reset")}: ${b.batch_name}`}
          data-testid="reset-batch"
        >
          {t("reset")}
        </Button>
      ),
    },
  ];
  return (
    <section aria-labelledby="system-stuck-batches-title">
      <h2 id="system-stuck-batches-title" className="mb-3 text-lg font-semibold text-white">
        {t("title")}
      </h2>
      <DataTable
        columns={columns}
        rows={status.stuck_batches}
        rowKey={(b) => b.batch_id}
        ariaLabelledBy="system-stuck-batches-title"
        empty={t("none")}
        rowProps={(b) => ({ "data-testid": "stuck-batch", "data-batch": b.batch_id })}
      />
      {target ? (
        <SystemConfirmDialog
          title={t("confirmTitle", { name: target.batch_name })}
          confirmLabel={reset.isPending ? t("resetting") : t("reset")}
          isBusy={reset.isPending}
          error={reset.error ? errorText(reset.error) : null}
          onConfirm={confirm}
          onClose={close}
          testId="reset-batch-dialog"
        >
          <p>{t("confirmBody")}</p>
        </SystemConfirmDialog>
      ) : null}
    </section>
  );
}
