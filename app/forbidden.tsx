import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/status-page";
import { LockIcon } from "@/components/ui/icons";

// Rendered by forbidden() (needs experimental.authInterrupts in next.config.ts).
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors.forbidden");
  return { title: t("metaTitle") };
}

export default async function Forbidden() {
  const t = await getTranslations("errors.forbidden");
  const common = await getTranslations("common");
  return (
    <StatusPage
      code={t("code")}
      title={t("title")}
      description={t("description")}
      icon={<LockIcon />}
      homeLabel={common("goHome")}
    />
  );
}
