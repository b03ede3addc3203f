"use client";

import { useEffect, useState, type RefObject } from "react";

export const MIN_CARD_WIDTH = 176;
export const GRID_GAP = 12;

/** How many cards of at least MIN_CARD_WIDTH fit the element's width, and how wide each one is. */
export function useGridColumns(ref: RefObject<HTMLElement | null>): { columns: number; cardWidth: number } {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  const columns = Math.max(2, Math.floor((width + GRID_GAP) / (MIN_CARD_WIDTH + GRID_GAP)));
  const cardWidth = width > 0 ? (width - GRID_GAP * (columns - 1)) / columns : MIN_CARD_WIDTH;
  return { columns, cardWidth };
}
