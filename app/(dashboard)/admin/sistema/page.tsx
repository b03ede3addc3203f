import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SystemDashboard } from "@/components/admin/system-dashboard";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { queryKeys } from "@/lib/queries/keys";
import { makeQueryClient } from "@/lib/queries/query-client";
import { getQueueStatus } from "@/lib/system/get-queue-status";
import { getQueueThroughput } from "@/lib/system/get-queue-throughput";
import { getSystemStats } from "@/lib/system/get-system-stats";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("system");
  return { title: t("title") };
}

/** Sistema (admins only: requireUser answers 403 to anyone else): stats, queues and throughput, polled by the client. */
export default async function SistemaPage() {
  await requireUser("ADMIN");
  const t = await getTranslations("system");
  // The first figures come with the HTML, in the cache entries the dashboard's hooks read.
  const queryClient = makeQueryClient();
  await Promise.all([
    queryClient.prefetchQuery({
      queryKey: queryKeys.system.stats(false),
      queryFn: () => getSystemStats({ includeSoftDeleted: false }),
    }),
    queryClient.prefetchQuery({
      queryKey: queryKeys.system.queueStatus(),
      queryFn: () => getQueueStatus({ limit: 20 }),
    }),
    queryClient.prefetchQuery({ queryKey: queryKeys.system.throughput(), queryFn: () => getQueueThroughput() }),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SystemDashboard />
      </HydrationBoundary>
    </>
  );
}
