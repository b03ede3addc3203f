"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type CSSProperties, type ReactNode, type Ref, type RefObject } from "react";
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

/** Space kept under the box: the page's bottom padding, so the page itself does not scroll too. */
const BOTTOM_SPACE = 40;

/**
 * Where the box starts on the page; it changes with the filter bar's wrapping and the notes above
 * the list, so it is read after every render and on resize (setState ignores an unchanged value).
 */
function usePageTop(ref: RefObject<HTMLElement | null>): number | null {
  const [top, setTop] = useState<number | null>(null);
  useEffect(() => {
    const measure = () => {
      if (ref.current) setTop(Math.round(ref.current.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  });
  return top;
}

/** The catalog's scrolling box: a labelled, focusable region (keyboard scrolling) filling the viewport's height below it. */
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
  const boxRef = useRef<HTMLDivElement>(null);
  const top = usePageTop(boxRef);
  const height: CSSProperties | undefined =
    top === null ? undefined : { height: `calc(100dvh - ${top + BOTTOM_SPACE}px)` };
  return (
    <div ref={boxRef}>
      <div
        ref={ref}
        role="region"
        aria-label={label}
        tabIndex={0}
        data-testid="catalog-scroll"
        style={height}
        className="h-[calc(100dvh-22rem)] min-h-[26rem] overflow-auto rounded-xl pr-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-300"
      >
        {children}
        {isLoadingMore ? (
          <p role="status" className="flex items-center justify-center gap-2 py-3 text-sm text-slate-300">
            <SpinnerIcon className="size-4 animate-spin" />
            {t("loadingMore")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
