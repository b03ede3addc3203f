import type { ReactNode } from "react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

type StatusPageProps = { code: string; title: string; description: string; icon: ReactNode; homeLabel: string };

/** Full-height message used by not-found and forbidden. */
export function StatusPage({ code, title, description, icon, homeLabel }: StatusPageProps) {
  return (
    <main id="main-content" tabIndex={-1} className="flex min-h-dvh items-center justify-center p-6 focus:outline-none">
      <div className="glass w-full max-w-md rounded-3xl p-8 text-center sm:p-10">
        <div className="mx-auto mb-6 flex size-14 items-center justify-center rounded-2xl border border-accent-400/30 bg-accent-500/15 text-accent-300 [&_svg]:size-7">
          {icon}
        </div>
        <p className="text-sm font-medium uppercase tracking-widest text-accent-300">{code}</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-white">{title}</h1>
        <p className="mt-3 text-sm text-slate-300">{description}</p>
        <Link href="/" className={buttonClasses("primary", "md", "mt-8")}>
          {homeLabel}
        </Link>
      </div>
    </main>
  );
}
