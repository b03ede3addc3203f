"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ImageIcon, SpinnerIcon } from "@/components/ui/icons";
import {
  CATALOG_VIEWS,
  catalogSearchParams,
  hasCatalogFilters,
  parseCatalogFilters,
  parseCatalogView,
  withCatalogFilter,
  type CatalogFilterKey,
  type CatalogFilters,
  type CatalogView,
} from "@/lib/catalog/catalog-filters";
import { useCatalogFacets, useCatalogImages } from "@/lib/queries/catalog";
import { CatalogBulkBar } from "./catalog-bulk-bar";
import { CatalogFilterBar, type FilterChoices } from "./catalog-filter-bar";
import { CatalogPhotoGrid } from "./catalog-photo-grid";
import { CatalogSelectionProvider, useCatalogSelection } from "./catalog-selection";
import { CatalogSkuGroups } from "./catalog-sku-groups";

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

/**
 * The catalog page: filters and view live in the URL (one parsed object, see
 * lib/catalog/catalog-filters.ts). They change through the History API, which Next's router
 * follows (useSearchParams, back/forward), without a server round trip: the server renders the
 * first page of the URL it was asked for, later pages and other filters come from the API.
 */
export function CatalogClient({ choices, canEdit = false }: { choices: FilterChoices; canEdit?: boolean }) {
  const t = useTranslations("catalog");
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseCatalogFilters(searchParams), [searchParams]);
  const view = parseCatalogView(searchParams);
  const images = useCatalogImages(filters);

  const navigate = useCallback(
    (next: CatalogFilters, nextView: CatalogView, mode: "push" | "replace") => {
      const query = catalogSearchParams(next, nextView).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  const changeFilter = (key: CatalogFilterKey, value: string) =>
    navigate(withCatalogFilter(filters, key, value), view, "push");
  const clearFilters = () => navigate({}, view, "push");

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPlaceholderData } = images;
  // While the previous filters' photos stand in, their next page is not the one to load.
  const onLoadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage && !isPlaceholderData) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, fetchNextPage]);
  const loadMore = { hasMore: !!hasNextPage, isLoadingMore: isFetchingNextPage, onLoadMore };
  const photos = useMemo(() => images.data?.pages.flatMap((page) => page.items) ?? [], [images.data]);
  // New filters remount the list at the top; the previous photos stay (dimmed) until the new ones arrive.
  const listKey = `${view}:${catalogSearchParams(filters, "foto").toString()}`;
  // The selection belongs to the filters it was made under: new filters start a new one.
  const selection = useCatalogSelection(photos, catalogSearchParams(filters, "foto").toString());
  const facets = useCatalogFacets(filters);
  const { isSelected, toggle } = selection;
  const selectionContext = useMemo(() => ({ isSelected, toggle }), [isSelected, toggle]);

  return (
    <CatalogSelectionProvider value={selectionContext}>
      <CatalogFilterBar filters={filters} choices={choices} onChange={changeFilter} />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p role="status" data-testid="catalog-count" className="text-sm text-slate-300">
          {images.isPending ? (
            <span className="inline-flex items-center gap-2">
              <SpinnerIcon className="size-4 animate-spin" />
              {t("loading")}
            </span>
          ) : (
            <>
              {t("loaded", { count: photos.length })}
              {photos.length > 0 ? ` · ${t(hasNextPage ? "more" : "allLoaded")}` : null}
            </>
          )}
        </p>
        <div className="flex items-center gap-2">
          {hasCatalogFilters(filters) ? (
            <Button variant="ghost" size="sm" onClick={clearFilters}>
              {t("filters.clear")}
            </Button>
          ) : null}
          <ViewToggle view={view} onChange={(next) => navigate(filters, next, "replace")} />
        </div>
      </div>
      {view === "sku" && photos.length > 0 ? (
        <p data-testid="grouping-note" className="mb-3 text-xs text-slate-400">
          {t("groupedLoaded")}
        </p>
      ) : null}
      {images.isError && photos.length === 0 ? (
        <div
          role="alert"
          className="glass flex items-center justify-between gap-3 rounded-xl p-4 text-sm text-rose-200"
        >
          {t("error")}
          <Button variant="secondary" size="sm" onClick={() => void images.refetch()}>
            {t("retry")}
          </Button>
        </div>
      ) : !images.isPending && photos.length === 0 ? (
        <EmptyCatalog isFiltered={hasCatalogFilters(filters)} onClear={clearFilters} />
      ) : (
        <div aria-busy={isPlaceholderData} className={cn("transition-opacity", isPlaceholderData && "opacity-60")}>
          {view === "sku" ? (
            <CatalogSkuGroups key={listKey} images={photos} label={t("groupsLabel")} loadMore={loadMore} />
          ) : (
            <CatalogPhotoGrid key={listKey} images={photos} label={t("gridLabel")} loadMore={loadMore} />
          )}
        </div>
      )}
      {!selection.isEmpty ? (
        <CatalogBulkBar
          selection={selection.state}
          selectedCount={selection.state.kind === "ids" ? selection.state.ids.size : 0}
          loadedCount={photos.length}
          facets={facets.data}
          filters={filters}
          canEdit={canEdit}
          onSelectAll={selection.selectAll}
          onClear={selection.clear}
        />
      ) : null}
    </CatalogSelectionProvider>
  );
}
