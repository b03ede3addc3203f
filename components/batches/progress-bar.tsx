import { cn } from "@/components/ui/cn";

type Tone = "accent" | "sky" | "emerald" | "rose";

const FILLS: Record<Tone, string> = {
  accent: "bg-accent-500",
  sky: "bg-sky-400",
  emerald: "bg-emerald-400",
  rose: "bg-rose-400",
};

/**
 * A labelled progress bar; `value` is 0–100. The optional `failed` share is drawn after the fill.
 * No width transition: upload bars change every 250 ms, so a 300 ms transition never ended and the
 * page drew frames non-stop (a trace of a 2,000-file upload: the compositor thread busy 9.6 s of 10 s).
 */
export function ProgressBar({
  value,
  failed = 0,
  label,
  tone = "accent",
  className,
}: {
  value: number;
  failed?: number;
  label: string;
  tone?: Tone;
  className?: string;
}) {
  const rounded = Math.round(value);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rounded}
      className={cn("flex h-2 w-full overflow-hidden rounded-full bg-white/10", className)}
    >
      <div className={cn("h-full", FILLS[tone])} style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      {failed > 0 ? (
        <div className="h-full bg-rose-400" style={{ width: `${Math.max(0, Math.min(100 - value, failed))}%` }} />
      ) : null}
    </div>
  );
}
