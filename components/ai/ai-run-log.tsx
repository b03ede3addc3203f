"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FilterSelect } from "@/components/ui/filter-select";
import { ImageIcon, SpinnerIcon } from "@/components/ui/icons";
import { useAiRunItems, type AiRunItemStatus, type AiRunItemView } from "@/lib/queries/ai-runs";
import { formatSeconds } from "./ai-format";
import { AiItemStatusBadge } from "./ai-run-status-badge";

const FILTERS: readonly AiRunItemStatus[] = ["FAILED", "SUCCEEDED", "SKIPPED", "PENDING", "CANCELLED"];

function Reason({ item }: { item: AiRunItemView }) {
  const reason = item.error ?? item.errorCode;
  // The status chip already says "falhou" / "pulada": the line under it is the reason.
  if (!reason || (item.status !== "FAILED" && item.status !== "SKIPPED")) return null;
  return (
    <p
      data-testid="ai-item-reason"
      className={cn("break-words text-xs", item.status === "FAILED" ? "text-rose-200" : "text-amber-100")}
    >
      {reason}
    </p>
  );
}

function LogRow({ item }: { item: AiRunItemView }) {
  const t = useTranslations("ai.log");
  const locale = useLocale();
  return (
    <li
      data-testid="ai-run-item"
      data-status={item.status}
      data-image-id={item.imageId}
      className="flex items-start gap-3 px-3 py-2"
    >
      <span className="relative block size-11 shrink-0 overflow-hidden rounded-md bg-slate-950/60">
        {item.thumbnailUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={item.thumbnailUrl} alt="" loading="lazy" className="absolute inset-0 size-full object-cover" />
        ) : (
          <ImageIcon className="absolute inset-0 m-auto size-5 text-slate-500" />
        )}
      </span>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="flex min-w-0 items-center gap-2 text-sm">
          <span className="truncate text-slate-100" title={item.fileName}>
            {item.fileName}
          </span>
          <AiItemStatusBadge status={item.status} />
        </p>
        <Reason item={item} />
        {item.warnings.map((warning) => (
          <p key={warning} className="break-words text-xs text-slate-400">
            {warning}
          </p>
        ))}
      </div>
      <span className="shrink-0 text-right text-xs tabular-nums text-slate-400">
        {item.durationMs !== null ? t("duration", { seconds: formatSeconds(item.durationMs, locale) }) : null}
        {item.attempts > 1 ? <span className="block">{t("attempts", { count: item.attempts })}</span> : null}
      </span>
    </li>
  );
}

/** The run's per-image log (thumbnail, file name, ok / falhou com motivo / pulada), page by page, with a status filter. */
export function AiRunLog({ runId, className }: { runId: string; className?: string }) {
  const t = useTranslations("ai.log");
  const status = useTranslations("ai.itemStatus");
  const [filter, setFilter] = useState<AiRunItemStatus | null>(null);
  const items = useAiRunItems(runId, filter);
  const rows = items.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby={`ai-log-${runId}`} className={cn("space-y-2", className)} data-testid="ai-run-log">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h3 id={`ai-log-${runId}`} className="text-sm font-semibold text-white">
          {t("title")}
        </h3>
        <FilterSelect
          id={`ai-log-filter-${runId}`}
          label={t("filter")}
          isLabelHidden
          size="sm"
          emptyOption={t("filterAll")}
          options={FILTERS.map((value) => ({ value, label: status(value) }))}
          value={filter ?? ""}
          onChange={(event) => setFilter((event.target.value || null) as AiRunItemStatus | null)}
          className="w-40"
        />
      </div>
      <div className="glass-subtle max-h-80 overflow-y-auto rounded-xl" aria-busy={items.isFetching}>
        {items.isPending ? (
          <p className="flex items-center gap-2 p-3 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("loading")}
          </p>
        ) : rows.length === 0 ? (
          <p className="p-3 text-sm text-slate-300">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-white/5">
            {rows.map((item) => (
              <LogRow key={item.id} item={item} />
            ))}
          </ul>
        )}
        {items.hasNextPage ? (
          <div className="p-2">
            <Button
              variant="ghost"
              size="sm"
              disabled={items.isFetchingNextPage}
              onClick={() => void items.fetchNextPage()}
            >
              {items.isFetchingNextPage ? <SpinnerIcon className="size-4 animate-spin" /> : null}
              {t("more")}
            </Button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
