import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";
import { FIELD_FRAME_CLASSES, FieldHint } from "./field-frame";

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
        className={cn(FIELD_FRAME_CLASSES, "h-11 px-3 text-sm placeholder:text-slate-400", className)}
        {...props}
      />
      <FieldHint id={hintId} hint={hint} />
    </div>
  );
}
