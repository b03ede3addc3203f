import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AiRunsList } from "@/components/ai/ai-runs-list";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { listAiRuns } from "@/lib/ai/runs/get-runs";
import { requireUser } from "@/lib/auth/session";
import { queryKeys } from "@/lib/queries/keys";
import { AI_RUNS_PAGE_SIZE } from "@/lib/queries/page-sizes";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai.runs");
  return { title: t("title") };
}

/** The AI runs started from the catalog (GET /api/v1/ai/runs), newest first; the first page comes with the HTML. */
export default async function AnalisesPage() {
  await requireUser();
  const queryClient = makeQueryClient();
  const [t, tCatalog] = await Promise.all([
    getTranslations("ai.runs"),
    getTranslations("pages.catalogo"),
    queryClient.prefetchInfiniteQuery({
      queryKey: queryKeys.aiRuns.list(),
      queryFn: () => listAiRuns({ limit: AI_RUNS_PAGE_SIZE }),
      initialPageParam: null as string | null,
    }),
  ]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/catalogo" className={buttonClasses("secondary", "sm")}>
            {tCatalog("title")}
          </Link>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AiRunsList />
      </HydrationBoundary>
    </>
  );
}
