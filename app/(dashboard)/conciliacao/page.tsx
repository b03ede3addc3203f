import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ReconciliationWorkbench } from "@/components/reconciliation/reconciliation-workbench";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { queryKeys } from "@/lib/queries/keys";
import { CANDIDATES_PREFETCH_AHEAD, CANDIDATES_SHOWN } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";
import { listReconciliationQueue } from "@/lib/reconciliation/list-reconciliation-queue";
import { reconciliationQueueQuerySchema } from "@/lib/reconciliation/schemas";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reconciliation");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConciliacaoPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const sp = await searchParams;
  const parsed = reconciliationQueueQuerySchema.pick({ batchId: true, collectionId: true }).safeParse({
    batchId: typeof sp.batchId === "string" && sp.batchId ? sp.batchId : undefined,
    collectionId: typeof sp.collectionId === "string" && sp.collectionId ? sp.collectionId : undefined,
  });
  const filters = parsed.success ? parsed.data : {};
  const [t, options, page] = await Promise.all([
    getTranslations("reconciliation"),
    listQueueFilterOptions(),
    listReconciliationQueue({ ...filters, limit: 100 }),
  ]);
  // The candidates of the first photos come with the HTML, in the cache entries the workbench reads.
  const queryClient = makeQueryClient();
  await Promise.all(
    page.items.slice(0, CANDIDATES_PREFETCH_AHEAD + 1).map((item) =>
      queryClient.prefetchQuery({
        queryKey: queryKeys.reconciliation.candidates(item.id),
        queryFn: async () => (await getImageCandidates(item.id, { limit: CANDIDATES_SHOWN })).candidates,
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="mb-6 grid gap-4 md:grid-cols-[1fr_1fr_auto] md:items-end">
        <FilterSelect
          id="batchId"
          name="batchId"
          label={t("batch")}
          emptyOption={t("allBatches")}
          options={options.batches.map((b) => ({ value: b.id, label: b.name }))}
          defaultValue={filters.batchId ?? ""}
        />
        <FilterSelect
          id="collectionId"
          name="collectionId"
          label={t("collection")}
          emptyOption={t("allCollections")}
          options={options.collections.map((c) => ({ value: c.id, label: c.name }))}
          defaultValue={filters.collectionId ?? ""}
        />
        <button type="submit" className={buttonClasses("secondary")}>
          {t("filter")}
        </button>
      </form>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ReconciliationWorkbench
          key={`${filters.batchId ?? ""}:${filters.collectionId ?? ""}`}
          initialItems={page.items}
          initialCursor={page.nextCursor}
          filters={filters}
          canEdit={hasRole(user.role, "EDITOR")}
        />
      </HydrationBoundary>
    </>
  );
}
