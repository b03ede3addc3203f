"use client";

import { useCallback, useSyncExternalStore } from "react";

/** "rail" or "full" once the user chose; "auto" = the CSS default (rail from md up to 1100 px). */
export type SidebarPreference = "auto" | "rail" | "full";

const STORAGE_KEY = "vitrine.sidebar";
const NARROW_QUERY = "(max-width: 1100px)";
const listeners = new Set<() => void>();

function readPreference(): SidebarPreference {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === "rail" || value === "full" ? value : "auto";
  } catch {
    return "auto"; // storage blocked: fall back to the width default
  }
}

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  const media = window.matchMedia(NARROW_QUERY);
  media.addEventListener("change", onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    media.removeEventListener("change", onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * The remembered sidebar choice and whether the sidebar is a rail right now. The server renders
 * "auto" (no flash of the wrong width: the CSS decides until the client reads the choice).
 */
export function useSidebarRail() {
  const preference = useSyncExternalStore(subscribe, readPreference, () => "auto" as const);
  const isNarrow = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
  const isRail = preference === "rail" || (preference === "auto" && isNarrow);
  const toggle = useCallback(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, isRail ? "full" : "rail");
    } catch {
      // not remembered, but the listeners below still apply it for this page
    }
    listeners.forEach((l) => l());
  }, [isRail]);
  return { preference, isRail, toggle };
}
