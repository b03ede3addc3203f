"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { LogoutIcon, SpinnerIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";

export function LogoutButton({ className }: { className?: string }) {
  const t = useTranslations("common");
  const [isPending, setIsPending] = useState(false);

  const onClick = async () => {
    setIsPending(true);
    try {
      await signOut({ callbackUrl: "/login" });
    } catch {
      setIsPending(false);
    }
  };

  return (
    <button
      type="button"
      onClick={onClick}
      disabled={isPending}
      title={t("signOut")}
      className={cn(
        "flex items-center gap-3 rounded-xl px-3 py-2.5 text-sm font-medium text-slate-300 transition-colors",
        "hover:bg-rose-500/10 hover:text-rose-200 disabled:cursor-wait rail:justify-center rail:px-0",
        className,
      )}
    >
      {isPending ? <SpinnerIcon className="size-5 shrink-0" /> : <LogoutIcon className="size-5 shrink-0" />}
      {/* The accessible name stays "Sair" while pending, so tests and screen readers find it. */}
      <span className="rail:sr-only">{t("signOut")}</span>
    </button>
  );
}
