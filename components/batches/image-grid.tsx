"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useErrorText } from "@/components/errors/use-error-text";
import { cn } from "@/components/ui/cn";
import { Thumbnail } from "@/components/ui/thumbnail";
import { SpinnerIcon } from "@/components/ui/icons";
import type { BatchImage, MatchStatus } from "@/lib/queries/types";
import { ImageStatusBadge } from "./status-badge";

const MIN_CARD = 180;
const GAP = 12;
const TEXT_BLOCK = 112;

const LINK_TONES: Record<MatchStatus, string> = {
  MATCHED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  MANUAL: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  AMBIGUOUS: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  UNMATCHED: "border-rose-400/30 bg-rose-500/15 text-rose-200",
  NO_SKU: "border-slate-400/30 bg-slate-500/15 text-slate-200",
  PENDING: "border-slate-400/30 bg-slate-500/15 text-slate-300",
};

/** Statuses the Conciliação queue lists: the photo waits for a person to choose its SKU. */
const RECONCILABLE: ReadonlySet<MatchStatus> = new Set(["AMBIGUOUS", "UNMATCHED"]);

/**
 * Whether the photo is linked to a product (then the product's SKU links to its page) or not (then
 * the SKU read from the file name is marked as only that, and ambiguous or unmatched photos link
 * to Conciliação for this batch, opened at this photo).
 */
function LinkState({ image, batchId }: { image: BatchImage; batchId: string }) {
  const t = useTranslations("batches.detail");
  const isLinked = image.productId !== null && (image.matchStatus === "MATCHED" || image.matchStatus === "MANUAL");
  const fileSku = image.skuBase ? [image.skuBase, image.sequence].filter(Boolean).join(" · ") : null;
  // Processing failed before the name was read: the error below says all there is.
  if (image.processingStatus === "FAILED" && image.matchStatus === "PENDING") return null;
  return (
    <>
      <p className="flex min-w-0 items-center gap-1.5">
        <span
          data-testid="link-state"
          data-match={image.matchStatus}
          className={cn(
            "shrink-0 rounded-full border px-1.5 py-px text-[11px] font-medium",
            LINK_TONES[image.matchStatus],
          )}
        >
          {t(`link.${image.matchStatus}`)}
        </span>
        {isLinked ? (
          <Link
            href={`/produtos/${image.productId}`}
            className="truncate font-medium text-accent-300 underline-offset-2 hover:underline"
            aria-label={t("openProduct", { sku: image.sku ?? "" })}
          >
            {image.sku}
          </Link>
        ) : RECONCILABLE.has(image.matchStatus) ? (
          <Link
            href={`/conciliacao?batchId=${encodeURIComponent(batchId)}&imageId=${encodeURIComponent(image.id)}`}
            className="truncate text-accent-300 underline underline-offset-2"
            aria-label={t("openReconciliationLabel", { name: image.originalName })}
          >
            {t("openReconciliation")}
          </Link>
        ) : null}
      </p>
      <p className="truncate text-slate-400">
        {!fileSku ? t("noSku") : isLinked ? fileSku : t("fileSku", { sku: fileSku })}
        {image.isDuplicate ? ` · ${t("duplicate")}` : null}
      </p>
    </>
  );
}

function ImageCard({ image, batchId }: { image: BatchImage; batchId: string }) {
  const t = useTranslations("batches.detail");
  const failure = useErrorText()({ code: image.processingErrorCode, message: image.processingError });
  const hasThumb = image.thumbnailUrl !== null && image.processingStatus === "READY";
  return (
    <figure
      data-testid="image-card"
      data-status={image.processingStatus}
      className="glass-subtle flex h-full flex-col overflow-hidden rounded-xl"
    >
      <a
        href={image.originalUrl}
        target="_blank"
        rel="noopener"
        aria-label={t("openPhoto", { name: image.originalName })}
        data-testid="open-photo"
        className="relative block aspect-square w-full shrink-0 overflow-hidden bg-slate-950/60 focus-visible:outline-2 focus-visible:outline-accent-300"
      >
        <Thumbnail src={hasThumb ? image.thumbnailUrl : null} alt={image.originalName} missingText={t("noThumbnail")} />
        <span className="absolute left-2 top-2">
          <ImageStatusBadge status={image.processingStatus} />
        </span>
      </a>
      <figcaption className="min-h-0 min-w-0 space-y-1 p-2.5 text-xs">
        <p className="truncate font-medium text-slate-100" title={image.relativePath ?? image.originalName}>
          {image.originalName}
        </p>
        <LinkState image={image} batchId={batchId} />
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
export function ImageGrid({
  images,
  batchId,
  hasMore,
  isLoadingMore,
  onLoadMore,
  label,
}: {
  images: BatchImage[];
  batchId: string;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
  label: string;
}) {
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
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !isLoadingMore && lastRow >= rowCount - 3) onLoadMore();
  }, [lastRow, rowCount, hasMore, isLoadingMore, onLoadMore]);

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={label}
      tabIndex={0}
      className="h-[calc(100dvh-24rem)] min-h-[28rem] overflow-auto pr-1"
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            className="absolute inset-x-0 grid"
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight - GAP,
              gap: GAP,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {images.slice(row.index * columns, row.index * columns + columns).map((image) => (
              <ImageCard key={image.id} image={image} batchId={batchId} />
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
