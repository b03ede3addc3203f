"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { BatchImage } from "@/lib/queries/types";
import { CARD_CAPTION_HEIGHT, CatalogCard } from "./catalog-card";
import { GRID_GAP, useGridColumns } from "./use-grid-columns";
import { CatalogScrollArea, useLoadMoreNearEnd, type LoadMore } from "./catalog-scroll-area";

/** "Por foto": rows of as many cards as fit the width; only the rows on screen (and a few around) are in the DOM. */
export function CatalogPhotoGrid({
  images,
  label,
  loadMore,
}: {
  images: BatchImage[];
  label: string;
  loadMore: LoadMore;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { columns, cardWidth } = useGridColumns(scrollRef);
  const rowHeight = Math.round(cardWidth + CARD_CAPTION_HEIGHT + GRID_GAP);
  const rowCount = Math.ceil(images.length / columns);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 2,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  useLoadMoreNearEnd(virtualRows.at(-1)?.index ?? -1, rowCount, loadMore);

  return (
    <CatalogScrollArea ref={scrollRef} label={label} isLoadingMore={loadMore.isLoadingMore}>
      <div role="list" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            role="none"
            className="absolute inset-x-0 grid"
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight - GRID_GAP,
              gap: GRID_GAP,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {images.slice(row.index * columns, row.index * columns + columns).map((image) => (
              <div key={image.id} role="listitem" className="min-w-0">
                <CatalogCard image={image} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </CatalogScrollArea>
  );
}
