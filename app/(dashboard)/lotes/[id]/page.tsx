import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { BatchDetailClient } from "@/components/batches/batch-detail-client";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { getBatchStatus } from "@/lib/batches/analytics/get-batch-status";
import { getBatchProgress } from "@/lib/batches/batch-progress";
import { getBatchOrThrow } from "@/lib/batches/batch-queries";
import { listImages } from "@/lib/images/list-images";
import { queryKeys } from "@/lib/queries/keys";
import { IMAGE_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.lotes");
  return { title: t("title") };
}

export default async function BatchDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  // The batch, its progress and its first page of photos come with the HTML, in the cache entries
  // the client's hooks read; a missing batch is left to the client, which shows its error.
  const queryClient = makeQueryClient();
  if (z.uuid().safeParse(id).success) {
    await Promise.all([
      queryClient.prefetchQuery({ queryKey: queryKeys.batches.detail(id), queryFn: () => getBatchOrThrow(id) }),
      queryClient.prefetchQuery({ queryKey: queryKeys.batches.progress(id), queryFn: () => getBatchProgress(id) }),
      // The analytics panels poll at the status's interval; it comes with the HTML too.
      queryClient.prefetchQuery({ queryKey: queryKeys.batchAnalytics.status(id), queryFn: () => getBatchStatus(id) }),
      queryClient.prefetchInfiniteQuery({
        queryKey: queryKeys.images.byBatch(id, null),
        queryFn: () => listImages({ batchId: id, limit: IMAGE_PAGE_SIZE }),
        initialPageParam: null as string | null,
      }),
    ]);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <BatchDetailClient
        batchId={id}
        canEdit={hasRole(user.role, "EDITOR")}
        maxBytes={getEnv().UPLOAD_MAX_BYTES}
        exportJobMinRows={getEnv().EXPORT_JOB_MIN_ROWS}
      />
    </HydrationBoundary>
  );
}
