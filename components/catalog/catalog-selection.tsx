"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** Most ids one bulk request takes (lib/images/bulk/schemas.ts BULK_MAX_IDS); beyond, select by filter. */
export const SELECTION_MAX_IDS = 1000;

/** Photos picked one by one (or by shift-click ranges), or every result of the current filters. */
export type CatalogSelectionState = { kind: "ids"; ids: ReadonlySet<string> } | { kind: "filter" };

type Stored = { key: string; ids: Set<string>; anchor: string | null; isAll: boolean };

/**
 * The catalog's selection, reset when the filters change (`resetKey`). Shift-click selects the range
 * between the last clicked photo and this one in the loaded list's order; "select all" turns the
 * selection into a filter selection (the server walks the filter: no ids are loaded for it).
 */
export function useCatalogSelection(order: readonly { id: string }[], resetKey: string) {
  const [stored, setStored] = useState<Stored>({ key: resetKey, ids: new Set(), anchor: null, isAll: false });
  const current = useMemo(
    () => (stored.key === resetKey ? stored : { key: resetKey, ids: new Set<string>(), anchor: null, isAll: false }),
    [stored, resetKey],
  );

  const toggle = useCallback(
    (id: string, isRange: boolean) => {
      setStored((previous) => {
        const base =
          previous.key === resetKey ? previous : { key: resetKey, ids: new Set<string>(), anchor: null, isAll: false };
        // Leaving "all results": start from the loaded photos, less the one clicked.
        const ids = base.isAll ? new Set(order.map((p) => p.id)) : new Set(base.ids);
        const from = base.anchor ? order.findIndex((p) => p.id === base.anchor) : -1;
        const to = order.findIndex((p) => p.id === id);
        if (isRange && from >= 0 && to >= 0) {
          const [start, end] = from < to ? [from, to] : [to, from];
          for (const photo of order.slice(start, end + 1)) ids.add(photo.id);
        } else if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { key: resetKey, ids, anchor: id, isAll: false };
      });
    },
    [order, resetKey],
  );
  const selectAll = useCallback(
    () => setStored({ key: resetKey, ids: new Set(), anchor: null, isAll: true }),
    [resetKey],
  );
  const clear = useCallback(() => setStored({ key: resetKey, ids: new Set(), anchor: null, isAll: false }), [resetKey]);

  const state: CatalogSelectionState = current.isAll ? { kind: "filter" } : { kind: "ids", ids: current.ids };
  const isSelected = useCallback((id: string) => current.isAll || current.ids.has(id), [current]);
  return { state, isSelected, toggle, selectAll, clear, isEmpty: !current.isAll && current.ids.size === 0 };
}

type SelectionContextValue = { isSelected: (id: string) => boolean; toggle: (id: string, isRange: boolean) => void };

const SelectionContext = createContext<SelectionContextValue | null>(null);

export function CatalogSelectionProvider({ value, children }: { value: SelectionContextValue; children: ReactNode }) {
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/**
 * The card's corner checkbox. A button (role checkbox) rather than an <input>, since it sits inside
 * the card's own link: its click neither follows the link nor reaches the card's handler.
 * Without a selection provider (a card shown elsewhere) there is none.
 */
export function CatalogCardCheckbox({ imageId, name }: { imageId: string; name: string }) {
  const t = useTranslations("catalogBulk");
  const selection = useContext(SelectionContext);
  if (!selection) return null;
  const isChecked = selection.isSelected(imageId);
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    event.stopPropagation();
    selection.toggle(imageId, event.shiftKey);
  };
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={isChecked}
      aria-label={t("selectPhoto", { name })}
      data-testid="card-select"
      onClick={onClick}
      className={cn(
        "absolute left-2 top-2 z-10 flex size-6 items-center justify-center rounded-md border shadow transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-300",
        isChecked
          ? "border-accent-300 bg-accent-600 text-white"
          : "border-white/60 bg-slate-950/60 text-transparent hover:border-white hover:bg-slate-900/80",
      )}
    >
      <svg
        viewBox="0 0 16 16"
        aria-hidden="true"
        className="size-4"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.4}
      >
        <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </button>
  );
}
