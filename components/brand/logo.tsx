import { cn } from "@/components/ui/cn";

/**
 * The Vitrine mark: a "V" hanging from a shop-window rail. The gradient tile is CSS, not an SVG
 * <linearGradient>, so several marks on one page never clash over a shared gradient id.
 * public/logo.svg carries the same artwork for favicons and external use.
 */
export function LogoMark({ className, size = 32 }: { className?: string; size?: number }) {
  return (
    <span
      aria-hidden="true"
      style={{ width: size, height: size }}
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-[25%] bg-gradient-to-br from-accent-400 to-indigo-500 align-middle",
        className,
      )}
    >
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width={size} height={size} focusable="false">
        <path
          d="M8 9.5 16 23l8-13.5"
          fill="none"
          stroke="#fff"
          strokeWidth={2.75}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <path d="M6.5 9.5h19" stroke="#fff" strokeOpacity={0.55} strokeWidth={1.5} strokeLinecap="round" />
      </svg>
    </span>
  );
}

export function Logo({ className, label }: { className?: string; label: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className="text-lg font-semibold tracking-tight text-white">{label}</span>
    </span>
  );
}
