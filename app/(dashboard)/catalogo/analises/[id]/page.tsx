import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AiRunDetail } from "@/components/ai/ai-run-detail";
import { getAiRunOrThrow, listAiRunItems, RUN_POLL_SECONDS } from "@/lib/ai/runs/get-runs";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import type { PolledRun } from "@/lib/queries/ai-runs";
import { queryKeys } from "@/lib/queries/keys";
import { AI_RUN_ITEMS_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai.runs");
  return { title: t("title") };
}

/**
 * One AI run: live progress, its per-photo log, and (EDITOR and up) cancel, reprocessar falhas,
 * resume. The run and its log's first page come with the HTML; a missing run is left to the client,
 * which shows its error.
 */
export default async function AnaliseDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const queryClient = makeQueryClient();
  if (z.uuid().safeParse(id).success) {
    await Promise.all([
      queryClient.prefetchQuery({
        queryKey: queryKeys.aiRuns.detail(id),
        queryFn: async (): Promise<PolledRun> => ({ ...(await getAiRunOrThrow(id)), pollSeconds: RUN_POLL_SECONDS }),
      }),
      queryClient.prefetchInfiniteQuery({
        queryKey: queryKeys.aiRuns.items(id, null),
        queryFn: () => listAiRunItems(id, { limit: AI_RUN_ITEMS_PAGE_SIZE }),
        initialPageParam: null as string | null,
      }),
    ]);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AiRunDetail key={id} runId={id} canEdit={hasRole(user.role, "EDITOR")} />
    </HydrationBoundary>
  );
}
