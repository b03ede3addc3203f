import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { GenerationResults } from "@/components/generation/generation-results";
import { requireUser } from "@/lib/auth/session";
import { getGenerationJobOrThrow } from "@/lib/generation/get-generation-jobs";
import type { PolledGenerationJob } from "@/lib/queries/generation";
import { queryKeys } from "@/lib/queries/keys";
import { makeQueryClient } from "@/lib/queries/query-client";

const POLL_SECONDS = 2;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("generation.results");
  return { title: t("metaTitle") };
}

/** One generation job's results, grouped by prompt (EDITOR and up); the job comes with the HTML, a missing one is left to the client's error. */
export default async function GeracaoResultsPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("EDITOR");
  const { id } = await params;
  const queryClient = makeQueryClient();
  if (z.uuid().safeParse(id).success)
    await queryClient.prefetchQuery({
      queryKey: queryKeys.generation.job(id),
      queryFn: async (): Promise<PolledGenerationJob> => ({
        ...(await getGenerationJobOrThrow(id)),
        pollSeconds: POLL_SECONDS,
      }),
    });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <GenerationResults key={id} jobId={id} />
    </HydrationBoundary>
  );
}
