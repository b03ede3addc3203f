import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { FIELD_FRAME_CLASSES, FieldHint } from "./field-frame";

export type SelectOption = { value: string; label: string };
export type FilterSelectSize = "sm" | "md";

type FilterSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "size" | "children"> & {
  id: string;
  label: string;
  options: readonly SelectOption[];
  /** First option with the empty value ("Todas", "Nenhuma"…). */
  emptyOption?: string;
  /** Keeps the label for screen readers and tests only, where the table or card already says what the select is. */
  isLabelHidden?: boolean;
  hint?: string;
  size?: FilterSelectSize;
};

const SIZES: Record<FilterSelectSize, string> = {
  sm: "h-9 px-2 text-xs",
  md: "h-11 px-3 text-sm",
};

/**
 * A labelled native <select>, styled like TextField: filters of the list pages and the selects of the
 * forms. No client state of its own, so server pages use it in plain GET forms.
 */
export function FilterSelect({
  id,
  label,
  options,
  emptyOption,
  isLabelHidden,
  hint,
  size = "md",
  className,
  ...props
}: FilterSelectProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={isLabelHidden ? undefined : "space-y-1.5"}>
      <label htmlFor={id} className={isLabelHidden ? "sr-only" : "block text-sm font-medium text-slate-200"}>
        {label}
      </label>
      <select
        id={id}
        aria-describedby={hintId}
        className={cn(FIELD_FRAME_CLASSES, "disabled:cursor-not-allowed", SIZES[size], className)}
        {...props}
      >
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldHint id={hintId} hint={hint} />
    </div>
  );
}
