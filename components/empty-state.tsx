import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

type EmptyStateProps = {
  icon: ReactNode;
  title: string;
  description: string;
  /** Label of the page's primary action; rendered disabled until the feature lands. */
  actionLabel?: string;
  actionIcon?: ReactNode;
  actionHint?: string;
};

export function EmptyState({ icon, title, description, actionLabel, actionIcon, actionHint }: EmptyStateProps) {
  return (
    <section
      aria-labelledby="empty-state-title"
      className="glass flex flex-col items-center rounded-2xl px-6 py-14 text-center sm:py-20"
    >
      <div className="mb-5 flex size-14 items-center justify-center rounded-2xl border border-accent-400/30 bg-accent-500/15 text-accent-300 [&_svg]:size-7">
        {icon}
      </div>
      <h2 id="empty-state-title" className="text-lg font-semibold text-white">
        {title}
      </h2>
      <p className="mt-2 max-w-md text-sm text-slate-300">{description}</p>
      {actionLabel ? (
        <div className="mt-6 flex flex-col items-center gap-2">
          <Button disabled title={actionHint}>
            {actionIcon}
            {actionLabel}
          </Button>
          {actionHint ? <span className="text-xs text-slate-400">{actionHint}</span> : null}
        </div>
      ) : null}
    </section>
  );
}
