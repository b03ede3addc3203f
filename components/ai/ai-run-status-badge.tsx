"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { AiRunItemStatus, AiRunStatus } from "@/lib/queries/ai-runs";

// Tinted chips with light text: every pair keeps >= 4.5:1 on the glass panels.
const RUN_TONES: Record<AiRunStatus, string> = {
  QUEUED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  RUNNING: "border-accent-400/40 bg-accent-500/20 text-accent-300",
  PAUSED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  CANCELLED: "border-slate-400/30 bg-slate-500/15 text-slate-300",
  COMPLETED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  FAILED: "border-rose-400/30 bg-rose-500/15 text-rose-200",
};

export const ITEM_TONES: Record<AiRunItemStatus, string> = {
  PENDING: "border-slate-400/30 bg-slate-500/15 text-slate-300",
  RUNNING: "border-accent-400/40 bg-accent-500/20 text-accent-300",
  SUCCEEDED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  FAILED: "border-rose-400/30 bg-rose-500/15 text-rose-200",
  SKIPPED: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  CANCELLED: "border-slate-400/30 bg-slate-500/15 text-slate-300",
};

export function AiRunStatusBadge({ status, className }: { status: AiRunStatus; className?: string }) {
  const t = useTranslations("ai.status");
  return (
    <span
      data-testid="ai-run-status"
      data-status={status}
      className={cn(
        "inline-flex items-center rounded-full border px-2.5 py-0.5 text-xs font-medium",
        RUN_TONES[status],
        className,
      )}
    >
      {t(status)}
    </span>
  );
}

export function AiItemStatusBadge({ status }: { status: AiRunItemStatus }) {
  const t = useTranslations("ai.itemStatus");
  return (
    <span
      data-testid="ai-item-status"
      data-status={status}
      className={cn("shrink-0 rounded-full border px-2 py-px text-[11px] font-medium", ITEM_TONES[status])}
    >
      {t(status)}
    </span>
  );
}
