import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { LinkIcon, RefreshIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.conciliacao");
  return { title: t("title") };
}

export default async function ConciliacaoPage() {
  await requireUser();
  const t = await getTranslations("pages.conciliacao");
  const common = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        icon={<LinkIcon />}
        title={t("emptyTitle")}
        description={t("emptyDescription")}
        actionLabel={t("action")}
        actionIcon={<RefreshIcon className="size-4" />}
        actionHint={common("comingSoon")}
      />
    </>
  );
}
