import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";
import { CompassIcon } from "@/components/ui/icons";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors.notFound");
  return { title: t("metaTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("errors.notFound");
  const common = await getTranslations("common");
  return (
    <StatusPage
      code={t("code")}
      title={t("title")}
      description={t("description")}
      icon={<CompassIcon />}
      homeLabel={common("goHome")}
    />
  );
}
