"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef } from "react";
import { cn } from "@/components/ui/cn";
import type { UploadItem, UploadItemStatus } from "@/lib/browser/uploads/upload-queue";
import { formatBytes } from "./format";
import { useUploadErrorText } from "./use-error-text";

const ROW_HEIGHT = 40;

const STATUS_TONES: Record<UploadItemStatus, string> = {
  pending: "text-slate-300",
  uploading: "text-sky-200",
  retrying: "text-amber-200",
  stored: "text-emerald-200",
  duplicate: "text-emerald-200",
  already_uploaded: "text-emerald-200",
  rejected: "text-rose-200",
  failed: "text-rose-200",
  cancelled: "text-slate-300",
};

const PROBLEMS: ReadonlySet<UploadItemStatus> = new Set(["rejected", "failed", "cancelled", "retrying"]);

/**
 * The files of one batch as a virtualised list: only the visible rows are in the DOM, so 20,000
 * files cost the same as 20. `version` changes (throttled) when the queue's items change.
 */
export function UploadFileList({
  items,
  version,
  label,
  maxBytes,
  isProblemsOnly,
}: {
  items: readonly UploadItem<File>[];
  version: number;
  label: string;
  maxBytes: number;
  isProblemsOnly: boolean;
}) {
  const t = useTranslations("batches");
  const locale = useLocale();
  const errorText = useUploadErrorText(maxBytes);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo(
    () => (isProblemsOnly ? items.filter((item) => PROBLEMS.has(item.status)) : items.slice()),
    // `version` stands for the queue's in-place mutations of `items`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, version, isProblemsOnly],
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  if (rows.length === 0) return <p className="px-3 py-4 text-sm text-slate-300">{t("card.noProblems")}</p>;

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={label}
      className="h-64 overflow-auto rounded-lg border border-white/10 bg-slate-950/40"
    >
      <ul className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = rows[row.index]!;
          const reason = errorText(item.error);
          return (
            <li
              key={item.uploadId}
              data-testid="upload-row"
              data-status={item.status}
              className="absolute inset-x-0 flex items-center gap-3 border-b border-white/5 px-3 text-sm"
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <span className={cn("w-28 shrink-0 text-xs font-medium", STATUS_TONES[item.status])}>
                {t(`fileStatus.${item.status}`)}
              </span>
              <span className="min-w-0 flex-1 truncate text-slate-100" title={item.relativePath}>
                {item.relativePath}
              </span>
              {reason && item.status !== "stored" && item.status !== "already_uploaded" ? (
                <span className="max-w-[45%] truncate text-xs text-rose-200" title={reason}>
                  {reason}
                </span>
              ) : (
                <span className="shrink-0 text-xs tabular-nums text-slate-400">{formatBytes(item.size, locale)}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
