"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { useSidebarRail } from "./use-sidebar-rail";

const SIDEBAR_ID = "app-sidebar";

/**
 * Layout frame: from md a sidebar that collapses to an icon rail (a remembered toggle; a rail by
 * default up to 1100 px), and below md a drawer behind a menu button.
 * The sidebar content itself is rendered on the server and passed in.
 */
export function ShellFrame({
  sidebar,
  topBar,
  children,
}: {
  sidebar: ReactNode;
  topBar: ReactNode;
  children: ReactNode;
}) {
  const t = useTranslations("common");
  const pathname = usePathname();
  const [isOpen, setIsOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const { preference, isRail, toggle } = useSidebarRail();

  // Navigating from the drawer closes it (state derived during render, no effect needed).
  if (isOpen && openedAt !== pathname) {
    setIsOpen(false);
  }

  const open = () => {
    setOpenedAt(pathname);
    setIsOpen(true);
  };
  const close = () => {
    setIsOpen(false);
    toggleRef.current?.focus();
  };

  useEffect(() => {
    if (!isOpen) return;
    closeRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setIsOpen(false);
        toggleRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [isOpen]);

  return (
    <div className="min-h-dvh md:flex" data-sidebar={preference}>
      {/* Top bar: only below md, where the sidebar is a drawer. */}
      <div className="glass sticky top-0 z-30 flex h-16 items-center justify-between gap-3 rounded-none border-x-0 border-t-0 px-4 md:hidden">
        {topBar}
        <button
          ref={toggleRef}
          type="button"
          onClick={open}
          aria-controls={SIDEBAR_ID}
          aria-expanded={isOpen}
          className="flex size-10 items-center justify-center rounded-lg text-slate-200 hover:bg-white/10"
        >
          <MenuIcon className="size-6" />
          <span className="sr-only">{t("openMenu")}</span>
        </button>
      </div>

      {isOpen ? (
        <button
          type="button"
          tabIndex={-1}
          aria-hidden="true"
          onClick={close}
          className="fixed inset-0 z-40 bg-slate-950/70 backdrop-blur-sm md:hidden"
        />
      ) : null}

      <aside
        id={SIDEBAR_ID}
        className={cn(
          "glass z-50 flex flex-col rounded-none border-y-0 border-l-0",
          // Drawer below md; hidden drawer is `invisible` so it leaves the tab order and a11y tree.
          "fixed inset-y-0 left-0 w-72 transition-transform duration-200 max-md:shadow-2xl",
          isOpen ? "translate-x-0" : "max-md:invisible max-md:-translate-x-full",
          // From md: full sidebar, or the icon rail (see the `rail` variant in globals.css).
          "md:sticky md:top-0 md:h-dvh md:w-72 md:shrink-0 md:translate-x-0 rail:w-20",
        )}
      >
        <div className="flex justify-end p-2 md:hidden">
          <button
            ref={closeRef}
            type="button"
            onClick={close}
            className="flex size-10 items-center justify-center rounded-lg text-slate-200 hover:bg-white/10"
          >
            <CloseIcon className="size-6" />
            <span className="sr-only">{t("closeMenu")}</span>
          </button>
        </div>
        <div className="flex justify-end px-3 pt-3 max-md:hidden rail:justify-center">
          <button
            type="button"
            onClick={toggle}
            aria-controls={SIDEBAR_ID}
            aria-expanded={!isRail}
            data-testid="sidebar-toggle"
            title={isRail ? t("expandMenu") : t("collapseMenu")}
            className="flex size-9 items-center justify-center rounded-lg text-slate-300 hover:bg-white/10 hover:text-white"
          >
            <MenuIcon className="size-5" />
            <span className="sr-only">{isRail ? t("expandMenu") : t("collapseMenu")}</span>
          </button>
        </div>
        {sidebar}
      </aside>

      <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        <div className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">{children}</div>
      </main>
    </div>
  );
}
