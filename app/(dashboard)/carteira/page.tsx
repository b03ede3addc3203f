import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SheetIcon, UploadIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pages.carteira");
  return { title: t("title") };
}

export default async function CarteiraPage() {
  await requireUser();
  const t = await getTranslations("pages.carteira");
  const common = await getTranslations("common");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        icon={<SheetIcon />}
        title={t("emptyTitle")}
        description={t("emptyDescription")}
        actionLabel={t("action")}
        actionIcon={<UploadIcon className="size-4" />}
        actionHint={common("comingSoon")}
      />
    </>
  );
}
