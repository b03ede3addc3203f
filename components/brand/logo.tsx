import { cn } from "@/components/ui/cn";

/** The Vitrine mark: a shop-window frame with a hanger-like arc. Same artwork as public/logo.svg. */
export function LogoMark({ className, size = 32 }: { className?: string; size?: number }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      <defs>
        <linearGradient id="vitrine-mark" x1="0" y1="0" x2="32" y2="32" gradientUnits="userSpaceOnUse">
          <stop offset="0" stopColor="#a78bfa" />
          <stop offset="1" stopColor="#6366f1" />
        </linearGradient>
      </defs>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="url(#vitrine-mark)" />
      <path d="M8 9.5 16 23l8-13.5" fill="none" stroke="#fff" strokeWidth={2.75} strokeLinecap="round" strokeLinejoin="round" />
      <path d="M6.5 9.5h19" stroke="#fff" strokeOpacity={0.55} strokeWidth={1.5} strokeLinecap="round" />
    </svg>
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
