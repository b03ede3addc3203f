import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchQueueClient } from "@/components/batches/batch-queue-client";
import { PageHeader } from "@/components/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listBatches } from "@/lib/batches/batch-queries";
import { uploadTransport } from "@/lib/batches/direct-upload/direct-upload-store";
import { SHOW_DELETED_PARAM } from "@/lib/batches/retention/schemas";
import { getEnv } from "@/lib/config/env";
import { queryKeys } from "@/lib/queries/keys";
import { BATCH_LIST_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.lotes");
  return { title: t("title") };
}

export default async function LotesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const user = await requireUser();
  const t = await getTranslations("pages.lotes");
  const showDeleted = (await searchParams)[SHOW_DELETED_PARAM] === "1";
  // The first page of batches comes with the HTML, in the cache entry useBatches reads.
  const queryClient = makeQueryClient();
  await queryClient.prefetchInfiniteQuery({
    queryKey: queryKeys.batches.list(showDeleted),
    queryFn: () => listBatches({ limit: BATCH_LIST_PAGE_SIZE, includeSoftDeleted: showDeleted }),
    initialPageParam: null as string | null,
  });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BatchQueueClient
          maxBytes={getEnv().UPLOAD_MAX_BYTES}
          canEdit={hasRole(user.role, "EDITOR")}
          showDeleted={showDeleted}
          uploadTransport={uploadTransport()}
        />
      </HydrationBoundary>
    </>
  );
}
