import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/roles";
import { Logo, LogoMark } from "@/components/brand/logo";
import { LocaleSwitcher } from "./locale-switcher";
import { LogoutButton } from "./logout-button";
import { ShellFrame } from "./shell-frame";
import { SidebarNav } from "./sidebar-nav";
import { UserCard } from "./user-card";

/** The signed-in frame: sidebar (brand, nav, account) + main content. */
export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const t = await getTranslations("common");
  const home = (
    <Link href="/" className="rounded-lg">
      <Logo label={t("appName")} />
    </Link>
  );

  const sidebar = (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex h-16 shrink-0 items-center px-5 max-md:hidden rail:justify-center rail:px-0">
        <Link href="/" className="hidden rounded-lg rail:inline-flex" title={t("appName")}>
          <LogoMark />
          <span className="sr-only">{t("appName")}</span>
        </Link>
        <span className="rail:hidden">{home}</span>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-4">
        <SidebarNav role={user.role} />
      </div>
      <section aria-label={t("account")} className="shrink-0 space-y-3 border-t border-white/10 p-3">
        <div className="px-2 pt-1 rail:px-0">
          <UserCard user={user} />
        </div>
        <div className="flex items-center justify-between gap-2 rail:flex-col">
          <LocaleSwitcher compact className="pl-2 rail:pl-0" />
          <LogoutButton className="w-auto rail:w-full" />
        </div>
      </section>
    </div>
  );

  return (
    <ShellFrame sidebar={sidebar} topBar={home}>
      {children}
    </ShellFrame>
  );
}
