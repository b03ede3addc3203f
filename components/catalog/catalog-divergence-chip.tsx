"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { CatalogFilters } from "@/lib/catalog/catalog-filters";
import type { FilterChange } from "./catalog-filter-bar";

/**
 * One-click filter "possível divergência" (aiDivergence=true: the last AI analysis disagrees with the
 * carteira's colour or type); pressed again, it shows every photo.
 */
export function DivergenceChip({ filters, onChange }: { filters: CatalogFilters; onChange: FilterChange }) {
  const t = useTranslations("ai.filter");
  const isOn = filters.aiDivergence === true;
  return (
    <button
      type="button"
      aria-pressed={isOn}
      data-testid="filter-divergence"
      title={isOn ? t("divergenceOn") : undefined}
      onClick={() => onChange("aiDivergence", isOn ? "" : "true")}
      className={cn(
        "inline-flex h-11 items-center gap-2 rounded-lg border px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-accent-300",
        isOn
          ? "border-amber-400/50 bg-amber-500/20 text-amber-100 hover:bg-amber-500/30"
          : "border-white/15 bg-white/5 text-slate-200 hover:bg-white/10",
      )}
    >
      <span
        aria-hidden="true"
        className={cn("size-2 rounded-full", isOn ? "bg-amber-300" : "border border-amber-300/70")}
      />
      {t("divergence")}
    </button>
  );
}
