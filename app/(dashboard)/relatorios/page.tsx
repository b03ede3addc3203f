import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ChartIcon, DownloadIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.relatorios");
  return { title: t("title") };
}

export default async function RelatoriosPage() {
  await requireUser();
  const t = await getTranslations("pages.relatorios");
  const common = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        icon={<ChartIcon />}
        title={t("emptyTitle")}
        description={t("emptyDescription")}
        actionLabel={t("action")}
        actionIcon={<DownloadIcon className="size-4" />}
        actionHint={common("comingSoon")}
      />
    </>
  );
}
