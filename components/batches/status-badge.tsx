"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { BatchStatus, ProcessingStatus } from "@/lib/queries/types";

// Tinted chips with light text: every pair keeps >= 4.5:1 on the glass panels.
const BATCH_TONES: Record<BatchStatus, string> = {
  DRAFT: "border-slate-400/30 bg-slate-500/15 text-slate-200",
  UPLOADING: "border-sky-400/30 bg-sky-500/15 text-sky-200",
  QUEUED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  PROCESSING: "border-accent-400/40 bg-accent-500/20 text-accent-300",
  PAUSED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  COMPLETED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  COMPLETED_WITH_ERRORS: "border-rose-400/30 bg-rose-500/15 text-rose-200",
  CANCELLED: "border-slate-400/30 bg-slate-500/15 text-slate-300",
};

const IMAGE_TONES: Record<ProcessingStatus, string> = {
  UPLOADED: "bg-slate-900/85 text-slate-200",
  QUEUED: "bg-slate-900/85 text-amber-200",
  PROCESSING: "bg-slate-900/85 text-accent-300",
  READY: "bg-slate-900/85 text-emerald-200",
  FAILED: "bg-rose-950/90 text-rose-200",
  CANCELLED: "bg-slate-900/85 text-slate-300",
};

export function BatchStatusBadge({ status, className }: { status: BatchStatus; className?: string }) {
  const t = useTranslations("batches.status");
  return (
    <span
      data-testid="batch-status"
      data-status={status}
      className={cn(
        "inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-medium",
        BATCH_TONES[status],
        className,
      )}
    >
      {t(status)}
    </span>
  );
}

export function ImageStatusBadge({ status }: { status: ProcessingStatus }) {
  const t = useTranslations("batches.processingStatus");
  return (
    <span data-status={status} className={cn("rounded-md px-1.5 py-0.5 text-[11px] font-medium", IMAGE_TONES[status])}>
      {t(status)}
    </span>
  );
}
