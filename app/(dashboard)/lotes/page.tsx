import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BatchQueueClient } from "@/components/batches/batch-queue-client";
import { PageHeader } from "@/components/page-header";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.lotes");
  return { title: t("title") };
}

export default async function LotesPage() {
  const user = await requireUser();
  const t = await getTranslations("pages.lotes");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <BatchQueueClient maxBytes={getEnv().UPLOAD_MAX_BYTES} canEdit={hasRole(user.role, "EDITOR")} />
    </>
  );
}
