"use client";

import { useTranslations } from "next-intl";
import type { ImageStatus } from "@/lib/generated/prisma/enums";
import { nextStatuses } from "@/lib/images/workflow";
import { FilterSelect } from "@/components/ui/filter-select";

type Props = {
  id: string;
  label: string;
  value: ImageStatus;
  disabled?: boolean;
  onChange: (to: ImageStatus) => void;
  className?: string;
};

/** Workflow status select: offers only the current status and the transitions allowed from it. */
export function ImageStatusSelect({ id, label, value, disabled, onChange, className }: Props) {
  const t = useTranslations("workflow");
  return (
    <FilterSelect
      id={id}
      label={label}
      isLabelHidden
      size="sm"
      options={nextStatuses(value).map((s) => ({ value: s, label: t(`status.${s}`) }))}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as ImageStatus)}
      className={className}
    />
  );
}
