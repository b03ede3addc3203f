import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DuplicatesReview } from "@/components/duplicates/duplicates-review";
import { BatchCollectionFilterForm } from "@/components/filters/batch-collection-filter-form";
import { PageHeader } from "@/components/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listDuplicateGroups } from "@/lib/duplicates/list-duplicate-groups";
import { duplicateFiltersSchema, type DuplicateFilters } from "@/lib/duplicates/schemas";
import { queryKeys } from "@/lib/queries/keys";
import { DUPLICATE_GROUPS_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("duplicates");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The URL's filters; a malformed one is dropped (the page shows every group) rather than failing the page. */
function parseFilters(sp: Record<string, string | string[] | undefined>): DuplicateFilters {
  const filters: DuplicateFilters = {};
  for (const key of ["collectionId", "batchId", "brandId"] as const) {
    const value = sp[key];
    const parsed = duplicateFiltersSchema.shape[key].safeParse(typeof value === "string" && value ? value : undefined);
    if (parsed.success && parsed.data) filters[key] = parsed.data;
  }
  return filters;
}

export default async function DuplicatasPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const filters = parseFilters(await searchParams);
  // The first page comes with the HTML, in the cache entry useDuplicateGroups reads.
  const queryClient = makeQueryClient();
  const [t, options] = await Promise.all([
    getTranslations("duplicates"),
    listQueueFilterOptions(),
    queryClient.prefetchInfiniteQuery({
      queryKey: queryKeys.images.duplicates(filters),
      queryFn: () => listDuplicateGroups({ ...filters, limit: DUPLICATE_GROUPS_PAGE_SIZE }),
      initialPageParam: null as string | null,
    }),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BatchCollectionFilterForm options={options} values={filters} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DuplicatesReview
          key={`${filters.batchId ?? ""}:${filters.collectionId ?? ""}:${filters.brandId ?? ""}`}
          filters={filters}
          canEdit={hasRole(user.role, "EDITOR")}
        />
      </HydrationBoundary>
    </>
  );
}
