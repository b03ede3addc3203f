import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "ghost";
export type ButtonSize = "sm" | "md";

const BASE =
  "inline-flex items-center justify-center gap-2 rounded-lg font-medium transition-colors select-none " +
  "disabled:cursor-not-allowed";

// White on accent-600 is 5.7:1; the disabled state keeps readable text (slate-300 on slate-800).
const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    "bg-accent-600 text-white shadow-lg shadow-accent-700/30 hover:bg-accent-700 " +
    "disabled:bg-slate-800 disabled:text-slate-300 disabled:shadow-none",
  secondary:
    "border border-white/15 bg-white/5 text-slate-100 hover:bg-white/10 " +
    "disabled:text-slate-300 disabled:hover:bg-white/5",
  ghost: "text-slate-300 hover:bg-white/10 hover:text-white disabled:hover:bg-transparent",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "h-9 px-3 text-sm",
  md: "h-11 px-4 text-sm",
};

/** Class list shared by <Button> and links styled as buttons. */
export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra?: string): string {
  return cn(BASE, VARIANTS[variant], SIZES[size], extra);
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...props} />;
}
