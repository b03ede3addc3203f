import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AiRunsList } from "@/components/ai/ai-runs-list";
import { PageHeader } from "@/components/page-header";
import { buttonClasses } from "@/components/ui/button";
import { requireUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai.runs");
  return { title: t("title") };
}

/** The AI runs started from the catalog (GET /api/v1/ai/runs), newest first. */
export default async function AnalisesPage() {
  await requireUser();
  const [t, tCatalog] = await Promise.all([getTranslations("ai.runs"), getTranslations("pages.catalogo")]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/catalogo" className={buttonClasses("secondary", "sm")}>
            {tCatalog("title")}
          </Link>
        }
      />
      <AiRunsList />
    </>
  );
}
