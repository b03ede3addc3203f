import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { CatalogClient } from "@/components/catalog/catalog-client";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { listCatalogFilterOptions } from "@/lib/catalog/catalog-filter-options";
import { parseCatalogFilters, parseCatalogView, withoutSort } from "@/lib/catalog/catalog-filters";
import { getImageDetailOrThrow } from "@/lib/images/get-image-detail";
import { listImages } from "@/lib/images/list-images";
import { listSkuGroups } from "@/lib/products/list-sku-groups";
import { queryKeys } from "@/lib/queries/keys";
import { CATALOG_GROUPS_PAGE_SIZE, CATALOG_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.catalogo");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogoPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const filters = parseCatalogFilters(params);
  const photo = z.uuid().safeParse(params.foto);
  const photoId = photo.success ? photo.data.toLowerCase() : null;
  // The first page of the URL's filters and view comes with the HTML, in the cache entry
  // useCatalogImages (por foto) or useCatalogGroups (por SKU) reads.
  const queryClient = makeQueryClient();
  const firstPage =
    parseCatalogView(params) === "sku"
      ? queryClient.prefetchInfiniteQuery({
          queryKey: queryKeys.images.groups(withoutSort(filters)),
          queryFn: () => listSkuGroups({ ...withoutSort(filters), limit: CATALOG_GROUPS_PAGE_SIZE }),
          initialPageParam: null as string | null,
        })
      : queryClient.prefetchInfiniteQuery({
          queryKey: queryKeys.images.catalog(filters),
          queryFn: () => listImages({ ...filters, limit: CATALOG_PAGE_SIZE }),
          initialPageParam: null as string | null,
        });
  const [t, tDuplicates, tAi, choices] = await Promise.all([
    getTranslations("pages.catalogo"),
    getTranslations("duplicates"),
    getTranslations("ai.runs"),
    listCatalogFilterOptions(),
    firstPage,
    // A shared link to a photo (`?foto=<id>`) opens its detail panel with the page; an unknown id shows its error there.
    photoId
      ? queryClient.prefetchQuery({
          queryKey: queryKeys.images.detail(photoId),
          queryFn: () => getImageDetailOrThrow(photoId),
        })
      : null,
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <Link href="/catalogo/analises" className={buttonClasses("secondary", "sm")}>
              {tAi("catalogLink")}
            </Link>
            <Link href="/catalogo/duplicatas" className={buttonClasses("secondary", "sm")}>
              {tDuplicates("catalogLink")}
            </Link>
          </>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CatalogClient
          choices={choices}
          canEdit={hasRole(user.role, "EDITOR")}
          exportJobMinRows={getEnv().EXPORT_JOB_MIN_ROWS}
        />
      </HydrationBoundary>
    </>
  );
}
