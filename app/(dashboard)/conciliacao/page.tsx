import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchCollectionFilterForm } from "@/components/filters/batch-collection-filter-form";
import { PageHeader } from "@/components/page-header";
import { ReconciliationWorkbench } from "@/components/reconciliation/reconciliation-workbench";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { queryKeys } from "@/lib/queries/keys";
import { CANDIDATES_PREFETCH_AHEAD, CANDIDATES_SHOWN } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";
import { getImageCandidates } from "@/lib/reconciliation/get-image-candidates";
import { listQueueFilterOptions } from "@/lib/reconciliation/list-queue-filters";
import { openReconciliationQueue } from "@/lib/reconciliation/open-reconciliation-queue";
import { queueFocusImageIdSchema, reconciliationQueueQuerySchema } from "@/lib/reconciliation/schemas";

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
  // A malformed imageId is treated as a photo that is not in the queue: the notice says so.
  const hasImageId = typeof sp.imageId === "string" && sp.imageId !== "";
  const imageId = queueFocusImageIdSchema.safeParse(sp.imageId);
  const [t, options, page] = await Promise.all([
    getTranslations("reconciliation"),
    listQueueFilterOptions(),
    openReconciliationQueue({ ...filters, limit: 100, imageId: imageId.success ? imageId.data : undefined }),
  ]);
  const focus = page.focus ?? (hasImageId ? { state: "not-found" as const } : null);
  const selectedImageId = focus?.state === "selected" ? focus.imageId : undefined;
  const selectedIndex = Math.max(
    0,
    page.items.findIndex((item) => item.id === selectedImageId),
  );
  // The candidates of the selected photo and the next few come with the HTML, in the cache entries the workbench reads.
  const queryClient = makeQueryClient();
  await Promise.all(
    page.items.slice(selectedIndex, selectedIndex + CANDIDATES_PREFETCH_AHEAD + 1).map((item) =>
      queryClient.prefetchQuery({
        queryKey: queryKeys.reconciliation.candidates(item.id),
        queryFn: async () => (await getImageCandidates(item.id, { limit: CANDIDATES_SHOWN })).candidates,
      }),
    ),
  );
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BatchCollectionFilterForm options={options} values={filters} />
      {focus && focus.state !== "selected" ? (
        <p
          role="status"
          data-testid="queue-focus-notice"
          className="mb-6 rounded-xl border border-amber-400/40 bg-amber-500/10 p-3 text-sm text-amber-100"
        >
          {t(focus.state === "decided" ? "focusDecided" : "focusNotFound")}
        </p>
      ) : null}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ReconciliationWorkbench
          key={`${filters.batchId ?? ""}:${filters.collectionId ?? ""}:${selectedImageId ?? ""}`}
          initialItems={page.items}
          selectedImageId={selectedImageId}
          initialCursor={page.nextCursor}
          filters={filters}
          canEdit={hasRole(user.role, "EDITOR")}
          threshold={getEnv().ANALYSIS_CONFIDENCE_THRESHOLD}
        />
      </HydrationBoundary>
    </>
  );
}
