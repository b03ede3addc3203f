import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CatalogClient } from "@/components/catalog/catalog-client";
import { PageHeader } from "@/components/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { parseCatalogFilters } from "@/lib/catalog/catalog-filters";
import { listImages } from "@/lib/images/list-images";
import { queryKeys } from "@/lib/queries/keys";
import { CATALOG_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.catalogo");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogoPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const filters = parseCatalogFilters(await searchParams);
  // The first page of the URL's filters comes with the HTML, in the cache entry useCatalogImages reads.
  const queryClient = makeQueryClient();
  const [t, options] = await Promise.all([
    getTranslations("pages.catalogo"),
    listQueueFilterOptions(),
    queryClient.prefetchInfiniteQuery({
      queryKey: queryKeys.images.catalog(filters),
      queryFn: () => listImages({ ...filters, limit: CATALOG_PAGE_SIZE }),
      initialPageParam: null as string | null,
    }),
  ]);
  const choices = {
    collections: options.collections.map((c) => ({ value: c.id, label: c.name })),
    batches: options.batches.map((b) => ({ value: b.id, label: b.name })),
  };
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CatalogClient choices={choices} canEdit={hasRole(user.role, "EDITOR")} />
      </HydrationBoundary>
    </>
  );
}
