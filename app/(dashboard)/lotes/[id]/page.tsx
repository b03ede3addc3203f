import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchDetailClient } from "@/components/batches/batch-detail-client";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.lotes");
  return { title: t("title") };
}

export default async function BatchDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  return <BatchDetailClient batchId={id} />;
}
