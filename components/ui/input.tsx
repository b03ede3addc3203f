import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string };

/** A labelled text input: the <label> is always rendered so tests and screen readers find it by name. */
export function TextField({ id, label, hint, className, ...props }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-200">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hintId}
        className={cn(
          "block h-11 w-full rounded-lg border border-white/15 bg-slate-950/60 px-3 text-sm text-slate-100",
          "placeholder:text-slate-400 transition-colors hover:border-white/25",
          "focus-visible:border-accent-400 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-400",
          "disabled:opacity-70",
          className,
        )}
        {...props}
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
