"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { QuickAiProvider } from "@/components/ai/catalog-quick-ai";
import { ExportMenu } from "@/components/export/export-menu";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ImageIcon, SpinnerIcon } from "@/components/ui/icons";
import {
  CATALOG_VIEWS,
  catalogFilterRecord,
  catalogSearchParams,
  hasCatalogFilters,
  parseCatalogFilters,
  parseCatalogView,
  withCatalogFilter,
  type CatalogFilterKey,
  type CatalogFilters,
  type CatalogView,
} from "@/lib/catalog/catalog-filters";
import { useCatalogFacets, useCatalogGroups, useCatalogImages } from "@/lib/queries/catalog";
import type { ImageFacets } from "@/lib/queries/types";
import { CatalogFilterBar, type FilterChange, type FilterChoices } from "./catalog-filter-bar";
import { CatalogBulkBar } from "./catalog-bulk-bar";
import { CatalogPhotoGrid } from "./catalog-photo-grid";
import { CatalogSelectionProvider, useCatalogSelection } from "./catalog-selection";
import { CatalogSkuGroups } from "./catalog-sku-groups";
import { ImageDetailPanel } from "./image-detail-panel";
import { PhotoCardLinkProvider, useImageDetailRoute } from "./use-image-detail-route";

function ViewToggle({ view, onChange }: { view: CatalogView; onChange: (view: CatalogView) => void }) {
  const t = useTranslations("catalog.view");
  return (
    <div
      role="group"
      aria-label={t("label")}
      className="inline-flex rounded-lg border border-white/15 bg-white/5 p-0.5"
    >
      {CATALOG_VIEWS.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={view === option}
          onClick={() => onChange(option)}
          className={cn(
            "h-8 rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-300",
            view === option ? "bg-accent-600 text-white" : "text-slate-300 hover:bg-white/10 hover:text-white",
          )}
        >
          {t(option)}
        </button>
      ))}
    </div>
  );
}

function EmptyCatalog({ isFiltered, onClear }: { isFiltered: boolean; onClear: () => void }) {
  const t = useTranslations("catalog");
  return (
    <section
      aria-labelledby="catalog-empty-title"
      className="glass flex flex-col items-center rounded-2xl px-6 py-14 text-center"
    >
      <div className="mb-5 flex size-14 items-center justify-center rounded-2xl border border-accent-400/30 bg-accent-500/15 text-accent-300">
        <ImageIcon className="size-7" />
      </div>
      <h2 id="catalog-empty-title" className="text-lg font-semibold text-white">
        {t(isFiltered ? "noMatchesTitle" : "emptyTitle")}
      </h2>
      <p className="mt-2 max-w-md text-sm text-slate-300">
        {t(isFiltered ? "noMatchesDescription" : "emptyDescription")}
      </p>
      <div className="mt-6">
        {isFiltered ? (
          <Button variant="secondary" onClick={onClear}>
            {t("filters.clear")}
          </Button>
        ) : (
          <Link href="/lotes" className={buttonClasses("secondary")}>
            {t("emptyAction")}
          </Link>
        )}
      </div>
    </section>
  );
}

/** "12 fotos · todas carregadas", or "≈ 1.000.000 fotos · 100 fotos carregadas · role…" (the total from the facets). */
function CountLine({
  total,
  loaded,
  isGroups,
  hasMore,
}: {
  total: ImageFacets | undefined;
  loaded: number;
  isGroups: boolean;
  hasMore: boolean;
}) {
  const t = useTranslations("catalog");
  const parts: string[] = [];
  // The loaded photos say something only while they differ from the total; groups always do.
  if (isGroups) parts.push(t("groupsLoaded", { count: loaded }));
  else if (!total || total.isEstimate || loaded < total.total) parts.push(t("loaded", { count: loaded }));
  if (loaded > 0) parts.push(t(hasMore ? "more" : isGroups ? "allGroupsLoaded" : "allLoaded"));
  return (
    <>
      {total ? (
        <span data-testid="catalog-total" className="font-medium text-slate-100">
          {t("total", { count: total.total, approx: String(total.isEstimate) })}
        </span>
      ) : null}
      {parts.map((part, i) => (
        <span key={i}>{total || i > 0 ? ` · ${part}` : part}</span>
      ))}
    </>
  );
}

/**
 * The catalog page: filters and view live in the URL (one parsed object, see
 * lib/catalog/catalog-filters.ts). They change through the History API, which Next's router
 * follows (useSearchParams, back/forward), without a server round trip: the server renders the
 * first page of the URL it was asked for, later pages and other filters come from the API.
 */
export function CatalogClient({
  choices,
  canEdit,
  exportJobMinRows,
}: {
  choices: FilterChoices;
  canEdit: boolean;
  /** From this many matching photos the export menu offers a background export job (EXPORT_JOB_MIN_ROWS). */
  exportJobMinRows?: number;
}) {
  const t = useTranslations("catalog");
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseCatalogFilters(searchParams), [searchParams]);
  const view = parseCatalogView(searchParams);
  const isGroups = view === "sku";
  const images = useCatalogImages(filters, { enabled: !isGroups });
  const groups = useCatalogGroups(filters, { enabled: isGroups });
  const facets = useCatalogFacets(filters);
  const list = isGroups ? groups : images;

  const navigate = useCallback(
    (next: CatalogFilters, nextView: CatalogView, mode: "push" | "replace") => {
      const query = catalogSearchParams(next, nextView).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  const changeFilter: FilterChange = (key: CatalogFilterKey, value: string, mode = "push") =>
    navigate(withCatalogFilter(filters, key, value), view, mode);
  // The order is not a filter: clearing keeps it.
  const clearFilters = () => navigate(filters.sort ? { sort: filters.sort } : {}, view, "push");

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPlaceholderData } = list;
  // While the previous filters' photos stand in, their next page is not the one to load.
  const onLoadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage]);
  const loadMore = { hasMore: !!hasNextPage, isLoadingMore: isFetchingNextPage, onLoadMore };
  const photos = useMemo(() => images.data?.pages.flatMap((page) => page.items) ?? [], [images.data]);
  const groupItems = useMemo(() => groups.data?.pages.flatMap((page) => page.items) ?? [], [groups.data]);
  const loaded = isGroups ? groupItems.length : photos.length;
  const allPhotosHref = useCallback(
    (group: { sku: string | null }) =>
      group.sku ? `${pathname}?${catalogSearchParams({ ...filters, sku: group.sku }, "foto").toString()}` : null,
    [pathname, filters],
  );
  // New filters remount the list at the top; the previous photos stay (dimmed) until the new ones arrive.
  const listKey = `${view}:${catalogSearchParams(filters, "foto").toString()}`;
  const detail = useImageDetailRoute();
  // The detail's ←/→ and the selection's shift-click ranges follow the order on screen: por SKU shows the photos group by group.
  const onScreenPhotos = useMemo(
    () => (isGroups ? groupItems.flatMap((group) => group.images) : photos),
    [isGroups, groupItems, photos],
  );
  // The selection belongs to the filters it was made under: new filters start a new one.
  const selection = useCatalogSelection(onScreenPhotos, catalogSearchParams(filters, "foto").toString());
  const { isSelected, toggle } = selection;
  const selectionContext = useMemo(() => ({ isSelected, toggle }), [isSelected, toggle]);

  return (
    <PhotoCardLinkProvider value={detail.cardLink}>
      <QuickAiProvider canEdit={canEdit}>
        <CatalogSelectionProvider value={selectionContext}>
          <CatalogFilterBar filters={filters} choices={choices} facets={facets.data} onChange={changeFilter} />
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <p role="status" data-testid="catalog-count" className="text-sm text-slate-300">
              {list.isPending ? (
                <span className="inline-flex items-center gap-2">
                  <SpinnerIcon className="size-4 animate-spin" />
                  {t("loading")}
                </span>
              ) : (
                <CountLine total={facets.data} loaded={loaded} isGroups={isGroups} hasMore={!!hasNextPage} />
              )}
            </p>
            <div className="flex items-center gap-2">
              {hasCatalogFilters(filters) ? (
                <Button variant="ghost" size="sm" onClick={clearFilters}>
                  {t("filters.clear")}
                </Button>
              ) : null}
              <ExportMenu
                selection={{ filter: catalogFilterRecord(filters) }}
                rows={facets.data?.total ?? null}
                isEstimate={facets.data?.isEstimate}
                background={
                  exportJobMinRows === undefined
                    ? undefined
                    : { thresholdRows: exportJobMinRows, target: { kind: "filtered", filters: exportFilters(filters) } }
                }
              />
              <ViewToggle view={view} onChange={(next) => navigate(filters, next, "replace")} />
            </div>
          </div>
          {list.isError && loaded === 0 ? (
            <div
              role="alert"
              className="glass flex items-center justify-between gap-3 rounded-xl p-4 text-sm text-rose-200"
            >
              {t("error")}
              <Button variant="secondary" size="sm" onClick={() => void list.refetch()}>
                {t("retry")}
              </Button>
            </div>
          ) : !list.isPending && loaded === 0 ? (
            <EmptyCatalog isFiltered={hasCatalogFilters(filters)} onClear={clearFilters} />
          ) : (
            <div aria-busy={isPlaceholderData} className={cn("transition-opacity", isPlaceholderData && "opacity-60")}>
              {isGroups ? (
                <CatalogSkuGroups
                  key={listKey}
                  groups={groupItems}
                  label={t("groupsLabel")}
                  loadMore={loadMore}
                  allPhotosHref={allPhotosHref}
                />
              ) : (
                <CatalogPhotoGrid key={listKey} images={photos} label={t("gridLabel")} loadMore={loadMore} />
              )}
            </div>
          )}
          {detail.photoId ? (
            <ImageDetailPanel
              key="image-detail"
              photoId={detail.photoId}
              neighbours={{ photos: onScreenPhotos, ...loadMore }}
              canEdit={canEdit}
              onMove={detail.move}
              onClose={detail.close}
            />
          ) : null}
          {!selection.isEmpty ? (
            <CatalogBulkBar
              selection={selection.state}
              selectedCount={selection.state.kind === "ids" ? selection.state.ids.size : 0}
              loadedCount={onScreenPhotos.length}
              facets={facets.data}
              filters={filters}
              canEdit={canEdit}
              onSelectAll={selection.selectAll}
              onClear={selection.clear}
            />
          ) : null}
        </CatalogSelectionProvider>
      </QuickAiProvider>
    </PhotoCardLinkProvider>
  );
}

/** The catalog's filters as an export job takes them: exports are in id order, the grid's sort is not a filter. */
function exportFilters(filters: CatalogFilters): Record<string, string> {
  const record = catalogFilterRecord(filters);
  delete record.sort;
  return record;
}
