"use client";

import { useTranslations } from "next-intl";
import { useEffect, type ReactNode, type Ref } from "react";
import { SpinnerIcon } from "@/components/ui/icons";

/** The next page of the list: asked for when the last rendered row comes near the end. */
export type LoadMore = { hasMore: boolean; isLoadingMore: boolean; onLoadMore: () => void };

/** Rows from the end at which the next page is asked for (a page is several screens of rows). */
const LOAD_AHEAD_ROWS = 4;

export function useLoadMoreNearEnd(lastRenderedRow: number, rowCount: number, loadMore: LoadMore): void {
  const { hasMore, isLoadingMore, onLoadMore } = loadMore;
  useEffect(() => {
    if (hasMore && !isLoadingMore && lastRenderedRow >= rowCount - LOAD_AHEAD_ROWS) onLoadMore();
  }, [lastRenderedRow, rowCount, hasMore, isLoadingMore, onLoadMore]);
}

/** The catalog's scrolling box: a labelled, focusable region (keyboard scrolling) of the viewport's height. */
export function CatalogScrollArea({
  ref,
  label,
  isLoadingMore,
  children,
}: {
  ref: Ref<HTMLDivElement>;
  label: string;
  isLoadingMore: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("catalog");
  return (
    <div
      ref={ref}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid="catalog-scroll"
      className="h-[calc(100dvh-19rem)] min-h-[26rem] overflow-auto rounded-xl pr-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-300"
    >
      {children}
      {isLoadingMore ? (
        <p role="status" className="flex items-center justify-center gap-2 py-3 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("loadingMore")}
        </p>
      ) : null}
    </div>
  );
}
