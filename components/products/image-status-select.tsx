"use client";

import { useTranslations } from "next-intl";
import type { ImageStatus } from "@/lib/generated/prisma/enums";
import { nextStatuses } from "@/lib/images/workflow";
import { cn } from "@/components/ui/cn";

type Props = { id: string; label: string; value: ImageStatus; disabled?: boolean; onChange: (to: ImageStatus) => void; className?: string };

/** Workflow status select: offers only the current status and the transitions allowed from it. */
export function ImageStatusSelect({ id, label, value, disabled, onChange, className }: Props) {
  const t = useTranslations("workflow");
  return (
    <>
      <label htmlFor={id} className="sr-only">{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as ImageStatus)}
        className={cn("h-9 w-full rounded-lg border border-white/15 bg-slate-950/60 px-2 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-accent-400", className)}
      >
        {nextStatuses(value).map((s) => (
          <option key={s} value={s}>{t(`status.${s}`)}</option>
        ))}
      </select>
    </>
  );
}
