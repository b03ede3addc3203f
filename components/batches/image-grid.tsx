"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { ImageIcon, SpinnerIcon } from "@/components/ui/icons";
import type { BatchImage } from "@/lib/queries/types";
import { ImageStatusBadge } from "./status-badge";

const MIN_CARD = 180;
const GAP = 12;
const TEXT_BLOCK = 92;

function ImageCard({ image }: { image: BatchImage }) {
  const t = useTranslations("batches.detail");
  const failure = useErrorText()({ code: image.processingErrorCode, message: image.processingError });
  const hasThumb = image.thumbnailUrl !== null && image.processingStatus === "READY";
  return (
    <figure data-testid="image-card" data-status={image.processingStatus} className="glass-subtle flex h-full flex-col overflow-hidden rounded-xl">
      <div className="relative aspect-square w-full shrink-0 overflow-hidden bg-slate-950/60">
        {hasThumb ? (
          // Thumbnails are small JPEGs behind cookie auth: a plain lazy <img>, not next/image.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={image.thumbnailUrl!} alt={image.originalName} loading="lazy" decoding="async" className="absolute inset-0 size-full object-contain" />
        ) : (
          <div className="flex size-full flex-col items-center justify-center gap-1 text-slate-400">
            <ImageIcon className="size-8" />
            <span className="text-xs">{t("noThumbnail")}</span>
          </div>
        )}
        <span className="absolute left-2 top-2">
          <ImageStatusBadge status={image.processingStatus} />
        </span>
      </div>
      <figcaption className="min-h-0 min-w-0 space-y-0.5 p-2.5 text-xs">
        <p className="truncate font-medium text-slate-100" title={image.relativePath ?? image.originalName}>
          {image.originalName}
        </p>
        <p className="truncate text-slate-300">
          {image.skuBase ? [image.skuBase, image.sequence].filter(Boolean).join(" · ") : t("noSku")}
          {image.isDuplicate ? ` · ${t("duplicate")}` : null}
        </p>
        {image.processingStatus === "FAILED" && failure ? (
          <p data-testid="image-error" className="line-clamp-2 text-rose-200" title={failure}>
            {failure}
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** Thumbnails in a virtualised grid: rows of as many cards as fit; the next page loads near the end. */
export function ImageGrid({ images, hasMore, isLoadingMore, onLoadMore, label }: { images: BatchImage[]; hasMore: boolean; isLoadingMore: boolean; onLoadMore: () => void; label: string }) {
  const t = useTranslations("batches.detail");
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(2, Math.floor((width + GAP) / (MIN_CARD + GAP)));
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_CARD;
  const rowHeight = Math.round(cardWidth + TEXT_BLOCK + GAP);
  const rowCount = Math.ceil(images.length / columns);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 3 });

  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !isLoadingMore && lastRow >= rowCount - 3) onLoadMore();
  }, [lastRow, rowCount, hasMore, isLoadingMore, onLoadMore]);

  return (
    <div ref={scrollRef} role="region" aria-label={label} tabIndex={0} className="h-[calc(100dvh-24rem)] min-h-[28rem] overflow-auto pr-1">
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            className="absolute inset-x-0 grid"
            style={{ transform: `translateY(${row.start}px)`, height: rowHeight - GAP, gap: GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
          >
            {images.slice(row.index * columns, row.index * columns + columns).map((image) => (
              <ImageCard key={image.id} image={image} />
            ))}
          </div>
        ))}
      </div>
      {isLoadingMore ? (
        <p role="status" className="flex items-center justify-center gap-2 py-3 text-sm text-slate-300">
          <SpinnerIcon className="size-4 animate-spin" />
          {t("loadingMore")}
        </p>
      ) : null}
    </div>
  );
}
