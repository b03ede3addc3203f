"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { LinkIcon, UploadIcon } from "@/components/ui/icons";

type Tab = "upload" | "urls";
const TABS: readonly Tab[] = ["upload", "urls"];

/**
 * The two ways to create a batch on /lotes (WAI-ARIA tabs: arrow keys move between them): sending
 * files (the existing new-batch form) or importing a list of URLs. Only rendered for editors.
 */
export function BatchCreateTabs({ uploadPanel, urlPanel }: { uploadPanel: ReactNode; urlPanel: ReactNode }) {
  const t = useTranslations("batchUrls.tabs");
  const id = useId();
  const [selected, setSelected] = useState<Tab>("upload");
  const refs = useRef<Record<Tab, HTMLButtonElement | null>>({ upload: null, urls: null });

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(selected) + step + TABS.length) % TABS.length]!;
    setSelected(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="space-y-4">
      <div
        role="tablist"
        aria-label={t("label")}
        className="flex gap-1 rounded-xl border border-white/10 bg-white/[0.03] p-1 sm:w-fit"
      >
        {TABS.map((tab) => {
          const isSelected = tab === selected;
          return (
            <button
              key={tab}
              ref={(el) => {
                refs.current[tab] = el;
              }}
              type="button"
              role="tab"
              id={`${id}-${tab}-tab`}
              aria-selected={isSelected}
              aria-controls={`${id}-${tab}-panel`}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => setSelected(tab)}
              onKeyDown={onKeyDown}
              className={cn(
                "flex flex-1 items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-medium transition-colors sm:flex-none",
                "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-400",
                isSelected
                  ? "bg-accent-500/20 text-white shadow-inner ring-1 ring-accent-400/40"
                  : "text-slate-300 hover:bg-white/5 hover:text-white",
              )}
            >
              {tab === "upload" ? <UploadIcon className="size-4" /> : <LinkIcon className="size-4" />}
              {t(tab)}
            </button>
          );
        })}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab}
          role="tabpanel"
          id={`${id}-${tab}-panel`}
          aria-labelledby={`${id}-${tab}-tab`}
          hidden={tab !== selected}
          className="space-y-6"
        >
          {tab === "upload" ? uploadPanel : urlPanel}
        </div>
      ))}
    </div>
  );
}
