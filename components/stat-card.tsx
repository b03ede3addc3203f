import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type StatTone = "accent" | "amber" | "emerald" | "rose" | "sky" | "slate";

// Icon chips only; the numbers and labels stay slate-100/300 for contrast.
const TONES: Record<StatTone, string> = {
  accent: "bg-accent-500/15 text-accent-300 border-accent-400/30",
  amber: "bg-amber-500/15 text-amber-300 border-amber-400/30",
  emerald: "bg-emerald-500/15 text-emerald-300 border-emerald-400/30",
  rose: "bg-rose-500/15 text-rose-300 border-rose-400/30",
  sky: "bg-sky-500/15 text-sky-300 border-sky-400/30",
  slate: "bg-slate-500/15 text-slate-200 border-slate-400/30",
};

type StatCardProps = { label: string; value: string; hint?: string; icon: ReactNode; tone?: StatTone };

export function StatCard({ label, value, hint, icon, tone = "accent" }: StatCardProps) {
  return (
    <div className="glass rounded-2xl p-5">
      <dt className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-slate-300">{label}</span>
        <span
          className={cn("flex size-9 items-center justify-center rounded-xl border [&_svg]:size-[18px]", TONES[tone])}
        >
          {icon}
        </span>
      </dt>
      <dd className="mt-3">
        <span className="block text-3xl font-semibold tabular-nums tracking-tight text-white">{value}</span>
        {hint ? <span className="mt-1 block text-xs text-slate-400">{hint}</span> : null}
      </dd>
    </div>
  );
}
