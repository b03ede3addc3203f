"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ContentVersionView } from "@/lib/ai/content/schemas";

/** The versions, newest first: origin, who, when, the feedback asked, model and tokens; "Restaurar" on the others. */
export function ContentVersionList({
  versions,
  currentVersion,
  canEdit,
  isBusy,
  onRestore,
}: {
  versions: readonly ContentVersionView[];
  currentVersion: number | null;
  canEdit: boolean;
  isBusy: boolean;
  onRestore: (version: number) => void;
}) {
  const t = useTranslations("aiContent");
  const tOrigin = useTranslations("aiContent.origin");
  const format = useFormatter();
  return (
    <ol data-testid="content-versions" className="space-y-2">
      {versions.map((v) => {
        const isCurrent = v.version === currentVersion;
        return (
          <li
            key={v.version}
            data-testid={`content-version-${v.version}`}
            className={cn(
              "rounded-lg border px-3 py-2 text-xs",
              isCurrent ? "border-accent-400/40 bg-accent-500/[0.08]" : "border-white/10",
            )}
          >
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span className="font-mono font-semibold text-white">{t("versionBadge", { version: v.version })}</span>
              <span className="rounded-full border border-white/15 px-2 py-px text-slate-200">{tOrigin(v.origin)}</span>
              {isCurrent ? <span className="text-accent-200">{t("current")}</span> : null}
              <span className="text-slate-300">
                {v.createdBy ? t("by", { name: v.createdBy.name ?? v.createdBy.email }) : t("byNobody")}
              </span>
              <time dateTime={v.createdAt} className="text-slate-400">
                {format.dateTime(new Date(v.createdAt), { dateStyle: "short", timeStyle: "short" })}
              </time>
              {v.basedOnVersion !== null ? (
                <span className="text-slate-400">{t("basedOn", { version: v.basedOnVersion })}</span>
              ) : null}
            </div>
            <div className="mt-1 flex items-center gap-2">
              <p className="min-w-0 flex-1 truncate text-slate-200" title={v.titulo}>
                {v.titulo}
              </p>
              {canEdit && !isCurrent ? (
                <Button
                  variant="secondary"
                  size="sm"
                  className="h-7 shrink-0 px-2 text-xs"
                  disabled={isBusy}
                  aria-label={t("restoreLabel", { version: v.version })}
                  onClick={() => onRestore(v.version)}
                >
                  {t("restore")}
                </Button>
              ) : null}
            </div>
            {v.feedback ? (
              <p className="mt-1 line-clamp-2 break-words italic text-slate-300">
                {t("feedbackQuote", { feedback: v.feedback })}
              </p>
            ) : null}
            {v.model ? (
              <p className="mt-1 text-slate-400">
                {t("tokens", { model: v.model, in: format.number(v.tokensIn), out: format.number(v.tokensOut) })}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
