"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { LOCALES } from "@/lib/i18n/config";
import { setLocale } from "@/lib/i18n/actions";
import { GlobeIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

/** Two-button pt-BR/EN toggle; the choice lives in the NEXT_LOCALE cookie. */
export function LocaleSwitcher({ className, compact = false }: { className?: string; compact?: boolean }) {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  const choose = (locale: string) => {
    if (locale === current) return;
    startTransition(async () => {
      const result = await setLocale(locale);
      if (result.ok) router.refresh();
    });
  };

  return (
    <div
      role="group"
      aria-label={t("language")}
      aria-busy={isPending || undefined}
      className={cn("flex items-center gap-2", compact && "rail:flex-col rail:gap-1", className)}
    >
      <GlobeIcon className={cn("size-4 shrink-0 text-slate-400", compact && "rail:hidden")} />
      <div
        className={cn(
          "inline-flex rounded-lg border border-white/10 bg-slate-950/40 p-0.5",
          compact && "rail:flex-col",
        )}
      >
        {LOCALES.map((locale) => {
          const isCurrent = locale === current;
          return (
            <button
              key={locale}
              type="button"
              lang={locale}
              title={t(`locales.${locale}`)}
              aria-pressed={isCurrent}
              disabled={isPending}
              onClick={() => choose(locale)}
              className={cn(
                "rounded-md px-2.5 py-1 text-xs font-semibold transition-colors disabled:cursor-wait",
                isCurrent ? "bg-accent-600 text-white" : "text-slate-300 hover:bg-white/10 hover:text-white",
              )}
            >
              {t(`localesShort.${locale}`)}
            </button>
          );
        })}
      </div>
    </div>
  );
}
