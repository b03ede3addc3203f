"use client";

import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { contentExportUrl } from "@/lib/queries/content";

/**
 * "Exportar conteúdo (CSV)" for the catalog's selection (ids) or filter: a plain download link, so
 * the CSV streams to disk (GET /api/v1/export/content), not into the page.
 */
export function ExportContentLink({
  selection,
}: {
  selection: { imageIds: string[] } | { filter: Record<string, string> };
}) {
  const t = useTranslations("aiContent");
  return (
    <a
      href={contentExportUrl(selection)}
      download
      data-testid="export-content"
      className={buttonClasses("secondary", "sm")}
    >
      <DownloadIcon className="size-4" />
      {t("exportCsv")}
    </a>
  );
}
