import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AiRunDetail } from "@/components/ai/ai-run-detail";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai.runs");
  return { title: t("title") };
}

/** One AI run: live progress, its per-photo log, and (EDITOR and up) cancel, reprocessar falhas, resume. */
export default async function AnaliseDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  return <AiRunDetail key={id} runId={id} canEdit={hasRole(user.role, "EDITOR")} />;
}
