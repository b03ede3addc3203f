import { cn } from "@/components/ui/cn";

/** A labelled progress bar for one collection's photo coverage. */
export function CoverageBar({ percent, label, className }: { percent: number; label: string; className?: string }) {
  const tone = percent >= 90 ? "bg-emerald-500" : percent >= 50 ? "bg-accent-500" : "bg-amber-500";
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={label}
      className={cn("h-2 overflow-hidden rounded-full bg-white/10", className)}
    >
      <div className={cn("h-full rounded-full", tone)} style={{ width: `${percent}%` }} />
    </div>
  );
}
