"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";

/** The query parameter naming the photo whose detail is open: `/catalogo?…&foto=<id>` is shareable. */
export const PHOTO_PARAM = "foto";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function urlWithPhoto(id: string | null): string {
  const params = new URLSearchParams(window.location.search);
  if (id) params.set(PHOTO_PARAM, id);
  else params.delete(PHOTO_PARAM);
  const query = params.toString();
  return query ? `${window.location.pathname}?${query}` : window.location.pathname;
}

/**
 * The detail panel's place in the URL. Opening pushes a history entry (the back button closes the
 * panel), moving to a neighbour replaces it (back still closes rather than stepping through
 * photos), closing goes back when the panel pushed its entry, else drops the parameter. When the
 * panel closes, focus returns to the card of the photo last shown, or to what opened it.
 */
export function useImageDetailRoute() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.get(PHOTO_PARAM);
  const photoId = raw && UUID.test(raw) ? raw.toLowerCase() : null;
  const hasPushed = useRef(false);
  const opener = useRef<HTMLElement | null>(null);
  const lastShown = useRef<string | null>(null);

  const open = useCallback((id: string, from?: HTMLElement | null) => {
    opener.current = from ?? null;
    hasPushed.current = true;
    window.history.pushState(null, "", urlWithPhoto(id));
  }, []);
  const move = useCallback((id: string) => window.history.replaceState(null, "", urlWithPhoto(id)), []);
  const close = useCallback(() => {
    if (hasPushed.current) {
      hasPushed.current = false;
      window.history.back();
    } else window.history.replaceState(null, "", urlWithPhoto(null));
  }, []);
  const hrefFor = useCallback(
    (id: string) => {
      const params = new URLSearchParams(searchParams.toString());
      params.set(PHOTO_PARAM, id);
      return `${pathname}?${params.toString()}`;
    },
    [pathname, searchParams],
  );

  useEffect(() => {
    if (photoId) {
      lastShown.current = photoId;
      return;
    }
    hasPushed.current = false;
    const last = lastShown.current;
    lastShown.current = null;
    if (!last) return;
    const card = document.querySelector<HTMLElement>(`[data-testid="catalog-card"][data-image-id="${last}"]`);
    const target = card ?? (opener.current?.isConnected ? opener.current : null);
    target?.focus();
  }, [photoId]);

  const cardLink = useMemo(() => ({ open, hrefFor }), [open, hrefFor]);
  return { photoId, open, move, close, cardLink };
}

export type PhotoCardLink = { open: (id: string, from?: HTMLElement | null) => void; hrefFor: (id: string) => string };

const PhotoCardLinkContext = createContext<PhotoCardLink | null>(null);
export const PhotoCardLinkProvider = PhotoCardLinkContext.Provider;

/** How a catalog card opens its photo's detail (null outside the catalog page: the card then links to the original). */
export function usePhotoCardLink(): PhotoCardLink | null {
  return useContext(PhotoCardLinkContext);
}
