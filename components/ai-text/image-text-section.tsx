"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { DetailSection } from "@/components/catalog/image-detail-fields";
import type { ImageText } from "@/lib/ai/text/schemas";
import { apiRequest } from "@/lib/queries/api-client";
import { queryKeys } from "@/lib/queries/keys";

/** "Texto na foto" in the image detail: what the OCR and the barcode reader found, and when. */
export function ImageTextSection({ imageId }: { imageId: string }) {
  const t = useTranslations("aiText.detail");
  const format = useFormatter();
  const text = useQuery({
    queryKey: queryKeys.reconciliation.text(imageId),
    queryFn: ({ signal }) => apiRequest<ImageText>(`/api/v1/images/${imageId}/text`, { signal }).then((r) => r.data),
    retry: false,
  });
  const data = text.data;
  if (!data) return null;
  return (
    <DetailSection id="detail-text" title={t("title")}>
      {data.readAt === null ? (
        <p className="text-sm text-slate-300">{t("notRead")}</p>
      ) : (
        <div className="space-y-2 text-sm">
          {data.text ? (
            <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-950/60 p-2 font-mono text-xs text-slate-100">
              {data.text}
            </pre>
          ) : data.codes.length === 0 ? (
            <p className="text-slate-300">{t("empty")}</p>
          ) : null}
          {data.codes.length > 0 ? (
            <p className="text-xs text-slate-200">
              <span className="text-slate-400">{t("codes")}: </span>
              <span className="font-mono">{data.codes.map((c) => `${c.format} ${c.text}`).join(" · ")}</span>
            </p>
          ) : null}
          <p className="text-xs text-slate-400">
            {t("readAt", { date: format.dateTime(new Date(data.readAt), { dateStyle: "short", timeStyle: "short" }) })}
          </p>
        </div>
      )}
    </DetailSection>
  );
}
