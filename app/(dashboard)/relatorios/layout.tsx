import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SubNav } from "@/components/ui/sub-nav";

export default async function RelatoriosLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("reports.tabs");
  return (
    <>
      <SubNav
        label={t("label")}
        items={[
          { href: "/relatorios", label: t("metrics") },
          { href: "/relatorios/cobertura", label: t("coverage") },
        ]}
      />
      {children}
    </>
  );
}
