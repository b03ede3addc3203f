"use client";

import type { ComponentType, SVGProps } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { hasRole, type Role } from "@/lib/auth/roles";
import {
  ChartIcon,
  GridIcon,
  HomeIcon,
  LayersIcon,
  LinkIcon,
  SettingsIcon,
  ServerIcon,
  SheetIcon,
  TagIcon,
  UsersIcon,
  WandIcon,
} from "@/components/ui/icons";

type NavKey =
  | "painel"
  | "lotes"
  | "catalogo"
  | "conciliacao"
  | "carteira"
  | "produtos"
  | "relatorios"
  | "geracao"
  | "configuracoes"
  | "usuarios"
  | "sistema";

/** `minRole`: the item is shown from this role up (the page itself authorizes; this only hides the link). */
type NavItem = { key: NavKey; href: string; Icon: ComponentType<SVGProps<SVGSVGElement>>; minRole?: Role };

const MAIN_ITEMS: NavItem[] = [
  { key: "painel", href: "/", Icon: HomeIcon },
  { key: "lotes", href: "/lotes", Icon: LayersIcon },
  { key: "catalogo", href: "/catalogo", Icon: GridIcon },
  { key: "conciliacao", href: "/conciliacao", Icon: LinkIcon },
  { key: "carteira", href: "/carteira", Icon: SheetIcon },
  { key: "produtos", href: "/produtos", Icon: TagIcon },
  { key: "relatorios", href: "/relatorios", Icon: ChartIcon },
  { key: "geracao", href: "/geracao", Icon: WandIcon, minRole: "EDITOR" },
  { key: "configuracoes", href: "/configuracoes", Icon: SettingsIcon },
];

const ADMIN_ITEMS: NavItem[] = [
  { key: "usuarios", href: "/admin/usuarios", Icon: UsersIcon },
  { key: "sistema", href: "/admin/sistema", Icon: ServerIcon },
];

function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Sidebar links. Hiding admin items (and items above the user's role) is cosmetic: the server
 * authorizes every page.
 * In the icon rail (`rail` variant) labels become sr-only, so the links keep their names.
 */
export function SidebarNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const t = useTranslations("nav");

  const renderItem = ({ key, href, Icon }: NavItem) => {
    const active = isActive(pathname, href);
    return (
      <li key={key}>
        <Link
          href={href}
          aria-current={active ? "page" : undefined}
          title={t(key)}
          className={cn(
            "group flex items-center gap-3 rounded-xl px-3 py-2.5 text-sm font-medium transition-colors rail:justify-center rail:px-0",
            active
              ? "bg-accent-500/20 text-white ring-1 ring-inset ring-accent-400/40"
              : "text-slate-300 hover:bg-white/5 hover:text-white",
          )}
        >
          <Icon
            className={cn("size-5 shrink-0", active ? "text-accent-300" : "text-slate-400 group-hover:text-slate-200")}
          />
          <span className="rail:sr-only">{t(key)}</span>
        </Link>
      </li>
    );
  };

  return (
    <nav aria-label={t("label")} className="flex flex-col gap-6">
      <ul className="flex flex-col gap-1">
        {MAIN_ITEMS.filter((item) => !item.minRole || hasRole(role, item.minRole)).map(renderItem)}
      </ul>
      {hasRole(role, "ADMIN") ? (
        <div>
          <p className="mb-2 px-3 text-xs font-semibold uppercase tracking-wider text-slate-400 rail:sr-only">
            {t("adminSection")}
          </p>
          <ul className="flex flex-col gap-1 rail:border-t rail:border-white/10 rail:pt-2">
            {ADMIN_ITEMS.map(renderItem)}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
