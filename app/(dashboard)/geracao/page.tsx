import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { GenerationForm } from "@/components/generation/generation-form";
import { GenerationJobsList } from "@/components/generation/generation-jobs-list";
import { GenerationKeyStatsPanel } from "@/components/generation/generation-key-stats";
import { PageHeader } from "@/components/page-header";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { listGenerationJobs } from "@/lib/generation/get-generation-jobs";
import { queryKeys } from "@/lib/queries/keys";
import { makeQueryClient } from "@/lib/queries/query-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("generation.page");
  return { title: t("title") };
}

/** Geração (EDITOR and up): a new job from a prompt file or typed prompts, the jobs with their progress, the keys' stats. */
export default async function GeracaoPage() {
  await requireUser("EDITOR");
  const env = getEnv();
  const queryClient = makeQueryClient();
  const [t] = await Promise.all([
    getTranslations("generation.page"),
    queryClient.prefetchQuery({
      queryKey: queryKeys.generation.jobs(),
      queryFn: () => listGenerationJobs({ limit: 50 }),
    }),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="space-y-10">
          <GenerationForm
            defaults={{
              model: env.GENERATION_MODEL,
              size: env.GENERATION_SIZE,
              maxQuantity: env.GENERATION_MAX_QUANTITY,
            }}
          />
          <section aria-labelledby="generation-jobs-title" className="space-y-4">
            <h2 id="generation-jobs-title" className="text-lg font-semibold text-white">
              {t("jobs")}
            </h2>
            <GenerationJobsList />
          </section>
          <GenerationKeyStatsPanel />
        </div>
      </HydrationBoundary>
    </>
  );
}
