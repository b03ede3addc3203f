import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ImageIcon, UploadIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.catalogo");
  return { title: t("title") };
}

export default async function CatalogoPage() {
  await requireUser();
  const t = await getTranslations("pages.catalogo");
  const common = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        icon={<ImageIcon />}
        title={t("emptyTitle")}
        description={t("emptyDescription")}
        actionLabel={t("action")}
        actionIcon={<UploadIcon className="size-4" />}
        actionHint={common("comingSoon")}
      />
    </>
  );
}
