"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ImagePiece } from "@/components/ai/image-ai-view";
import { PieceBoxes } from "@/components/ai/piece-boxes";
import { ImageIcon, SpinnerIcon } from "@/components/ui/icons";

export const previewUrl = (id: string) => `/api/v1/images/${id}/preview`;

export type PieceOverlay = { pieces: readonly ImagePiece[]; isShown: boolean; active: number | null };

/**
 * The large preview: the card's thumbnail at once (already cached), then the on-demand WebP
 * rendition over it when it arrives; should the rendition fail, the thumbnail stays. The AI's
 * piece boxes are drawn over the photo's shown rectangle (sized from the loaded image).
 */
export function Preview({
  id,
  name,
  thumbnailUrl,
  isReady,
  overlay,
}: {
  id: string;
  name: string;
  thumbnailUrl: string | null;
  isReady: boolean;
  overlay: PieceOverlay;
}) {
  const t = useTranslations("imageDetail");
  const [state, setState] = useState<"loading" | "loaded" | "failed">("loading");
  const boxRef = useRef<HTMLDivElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const remember = (image: HTMLImageElement) => {
    if (image.naturalWidth > 0) setNatural({ width: image.naturalWidth, height: image.naturalHeight });
  };
  if (!isReady && !thumbnailUrl)
    return (
      <div className="flex size-full items-center justify-center text-slate-500">
        <ImageIcon className="size-12" />
      </div>
    );
  return (
    <div ref={boxRef} className="relative size-full">
      {thumbnailUrl && state !== "loaded" ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={thumbnailUrl}
          alt=""
          onLoad={(event) => {
            if (!natural) remember(event.currentTarget);
          }}
          className="absolute inset-0 size-full object-contain blur-[2px]"
        />
      ) : null}
      {isReady && state !== "failed" ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          data-testid="detail-preview"
          src={previewUrl(id)}
          alt={t("previewAlt", { name })}
          decoding="async"
          onLoad={(event) => {
            remember(event.currentTarget);
            setState("loaded");
          }}
          onError={() => setState("failed")}
          className="absolute inset-0 size-full object-contain"
        />
      ) : null}
      {state === "loading" && isReady ? (
        <SpinnerIcon className="absolute bottom-3 right-3 size-5 animate-spin text-slate-300" />
      ) : null}
      {overlay.isShown && overlay.pieces.length > 0 ? (
        <PieceBoxes pieces={overlay.pieces} container={boxRef} natural={natural} active={overlay.active} />
      ) : null}
    </div>
  );
}
