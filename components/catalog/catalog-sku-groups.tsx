"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef } from "react";
import type { BatchImage, SkuGroup } from "@/lib/queries/types";
import { CARD_CAPTION_HEIGHT, CatalogCard } from "./catalog-card";
import { CatalogScrollArea, useLoadMoreNearEnd, type LoadMore } from "./catalog-scroll-area";
import { GRID_GAP, useGridColumns } from "./use-grid-columns";

const HEADER_HEIGHT = 44;

type Group = SkuGroup;
type Row = { kind: "header"; group: Group } | { kind: "cards"; group: Group; photos: BatchImage[]; part: number };

/** Each group as a header row and rows of its photos, so long groups are virtualised like the rest. */
function toRows(groups: readonly Group[], columns: number): Row[] {
  const rows: Row[] = [];
  for (const group of groups) {
    rows.push({ kind: "header", group });
    for (let i = 0; i < group.images.length; i += columns)
      rows.push({ kind: "cards", group, photos: group.images.slice(i, i + columns), part: i / columns });
  }
  return rows;
}

function GroupHeader({ group, allPhotosHref }: { group: Group; allPhotosHref: string | null }) {
  const t = useTranslations("catalog.group");
  return (
    <div data-testid="sku-group-header" data-sku={group.sku ?? ""} className="flex h-full items-end gap-2 pb-2">
      <h2 className="min-w-0 shrink truncate font-mono text-sm font-semibold text-white">{group.sku ?? t("none")}</h2>
      {group.productName ? <span className="min-w-0 truncate text-xs text-slate-300">{group.productName}</span> : null}
      {group.kind === "skuBase" ? <span className="shrink-0 text-xs text-slate-400">{t("unlinked")}</span> : null}
      <span data-testid="sku-group-count" className="shrink-0 text-xs tabular-nums text-slate-300">
        {t("count", { count: group.count })}
      </span>
      {allPhotosHref && group.count > group.images.length ? (
        <Link
          href={allPhotosHref}
          className="shrink-0 text-xs text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300"
        >
          {t("seeAll", { count: group.count })}
        </Link>
      ) : null}
      {group.productId ? (
        <Link
          href={`/produtos/${group.productId}`}
          aria-label={t("openProduct", { sku: group.sku ?? "" })}
          className="ml-auto shrink-0 text-xs text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent-300"
        >
          {t("viewProduct")}
        </Link>
      ) : null}
    </div>
  );
}

/**
 * "Por SKU": groups made on the server (GET /api/v1/products/groups), one per product or per SKU
 * read from the file name, each with its count and first angles in sequence order; scrolling loads
 * the next page of groups. `allPhotosHref` links a group to all of its photos in the grid.
 */
export function CatalogSkuGroups({
  groups,
  label,
  loadMore,
  allPhotosHref,
}: {
  groups: Group[];
  label: string;
  loadMore: LoadMore;
  allPhotosHref: (group: Group) => string | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { columns, cardWidth } = useGridColumns(scrollRef);
  const cardRowHeight = Math.round(cardWidth + CARD_CAPTION_HEIGHT + GRID_GAP);
  const rows = useMemo(() => toRows(groups, columns), [groups, columns]);

  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]!.kind === "header" ? HEADER_HEIGHT : cardRowHeight),
    getItemKey: (index) => {
      const row = rows[index]!;
      return row.kind === "header" ? `${row.group.key}:header` : `${row.group.key}:${row.part}`;
    },
    overscan: 3,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rows, cardRowHeight, virtualizer]);

  const virtualRows = virtualizer.getVirtualItems();
  useLoadMoreNearEnd(virtualRows.at(-1)?.index ?? -1, rows.length, loadMore);

  return (
    <CatalogScrollArea ref={scrollRef} label={label} isLoadingMore={loadMore.isLoadingMore}>
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index]!;
          const position = { transform: `translateY(${virtualRow.start}px)` };
          if (row.kind === "header")
            return (
              <div key={virtualRow.key} className="absolute inset-x-0" style={{ ...position, height: HEADER_HEIGHT }}>
                <GroupHeader group={row.group} allPhotosHref={allPhotosHref(row.group)} />
              </div>
            );
          return (
            <div
              key={virtualRow.key}
              role="list"
              aria-label={row.group.sku ?? undefined}
              data-testid="sku-group-row"
              data-sku={row.group.sku ?? ""}
              className="absolute inset-x-0 grid"
              style={{
                ...position,
                height: cardRowHeight - GRID_GAP,
                gap: GRID_GAP,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
              }}
            >
              {row.photos.map((image) => (
                <div key={image.id} role="listitem" className="min-w-0">
                  <CatalogCard image={image} />
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </CatalogScrollArea>
  );
}
