import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchDetailClient } from "@/components/batches/batch-detail-client";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.lotes");
  return { title: t("title") };
}

export default async function BatchDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  return <BatchDetailClient batchId={id} canEdit={hasRole(user.role, "EDITOR")} maxBytes={getEnv().UPLOAD_MAX_BYTES} />;
}
