"use client";

import { useFormatter, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { ImageAiView } from "./image-ai-view";

/** "modelo: gpt-4o-mini" or "análise local": where the photo's AI fields came from. */
export function AiSourceBadge({ view }: { view: ImageAiView }) {
  const t = useTranslations("ai.detail");
  if (!view.source) return null;
  return (
    <span
      data-testid="ai-source"
      data-source={view.source}
      className={cn(
        "inline-flex items-center rounded-full border px-2 py-px text-[11px] font-medium",
        view.source === "local"
          ? "border-amber-400/30 bg-amber-500/15 text-amber-100"
          : "border-sky-400/30 bg-sky-500/15 text-sky-100",
      )}
    >
      {view.source === "local"
        ? t("sourceLocal")
        : view.model
          ? t("sourceModel", { model: view.model })
          : t("sourceModelUnknown")}
    </span>
  );
}

/** "92% de confiança" beside an AI field, when the last analysis gave one. */
export function ConfidenceChip({ value }: { value: number | undefined }) {
  const t = useTranslations("ai.detail");
  if (value === undefined) return null;
  const tone = value >= 0.75 ? "text-emerald-200" : value >= 0.5 ? "text-amber-100" : "text-rose-200";
  return (
    <span data-testid="ai-confidence" className={cn("text-[11px] font-medium normal-case tracking-normal", tone)}>
      {t("confidence", { value })}
    </span>
  );
}

/** Source, date, the possível divergência badge naming its fields, and the last analysis's error. */
export function AiAnalysisFacts({ view }: { view: ImageAiView }) {
  const t = useTranslations("ai.detail");
  const format = useFormatter();
  const divergenceField = (field: string) =>
    field === "cor" || field === "tipo_peca" ? t(`divergenceField.${field}`) : t("divergenceField.other", { field });
  return (
    <div className="mb-3 space-y-2" data-testid="ai-analysis-facts">
      <p className="flex flex-wrap items-center gap-2 text-xs text-slate-300">
        <AiSourceBadge view={view} />
        {view.analyzedAt ? (
          <span data-testid="ai-analyzed-at">
            {t("analyzedAt", {
              date: format.dateTime(new Date(view.analyzedAt), { dateStyle: "short", timeStyle: "short" }),
            })}
          </span>
        ) : (
          <span>{t("never")}</span>
        )}
      </p>
      {view.divergences.length > 0 ? (
        <div
          data-testid="ai-divergence"
          className="rounded-lg border border-amber-400/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100"
        >
          <p className="font-semibold">
            {t("divergence", { fields: view.divergences.map(divergenceField).join(", ") })}
          </p>
          <p className="text-xs text-amber-100/90">{t("divergenceHint")}</p>
        </div>
      ) : null}
      {view.error ? (
        <p
          role="alert"
          data-testid="ai-error"
          className="rounded-lg border border-rose-400/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-100"
        >
          {t("error", { error: view.error })}
        </p>
      ) : null}
    </div>
  );
}
