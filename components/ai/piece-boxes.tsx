"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ImagePiece } from "./image-ai-view";

/**
 * One colour per piece (1–4): saturated enough to be seen on a white studio background, with a dark
 * number on it (>= 4.5:1); the box also gets a dark outer and a light inner ring for dark photos.
 */
export const PIECE_COLORS = ["#8b5cf6", "#0ea5e9", "#10b981", "#f59e0b"] as const;
const pieceColor = (index: number) => PIECE_COLORS[index % PIECE_COLORS.length]!;

type Rect = { left: number; top: number; width: number; height: number };

/**
 * Where an image of `natural` size shows inside the box `container` with object-fit: contain (the
 * preview's rule), in the box's pixels; null before both sizes are known.
 */
function useContainedRect(
  container: RefObject<HTMLElement | null>,
  natural: { width: number; height: number } | null,
): Rect | null {
  const [box, setBox] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const measure = () => setBox({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [container]);
  if (!box || !natural || natural.width <= 0 || natural.height <= 0 || box.width <= 0 || box.height <= 0) return null;
  const scale = Math.min(box.width / natural.width, box.height / natural.height);
  const width = natural.width * scale;
  const height = natural.height * scale;
  return { left: (box.width - width) / 2, top: (box.height - height) / 2, width, height };
}

/**
 * The pieces' boxes drawn over the preview (normalised boundingBox → the photo's shown rectangle),
 * each labelled with its number; the legend beside the photo is their text (the overlay is decorative).
 */
export function PieceBoxes({
  pieces,
  container,
  natural,
  active,
}: {
  pieces: readonly ImagePiece[];
  container: RefObject<HTMLElement | null>;
  natural: { width: number; height: number } | null;
  active: number | null;
}) {
  const rect = useContainedRect(container, natural);
  if (!rect) return null;
  return (
    <div
      aria-hidden="true"
      data-testid="piece-boxes"
      className="pointer-events-none absolute"
      style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
    >
      {pieces.map((piece, index) =>
        piece.boundingBox ? (
          <div
            key={piece.position}
            data-testid="piece-box"
            data-piece={index + 1}
            className={cn(
              "absolute rounded-sm border-2 transition-shadow",
              active === index
                ? "shadow-[0_0_0_3px_rgb(2_6_23/0.85),inset_0_0_0_1px_rgb(255_255_255/0.7)]"
                : "shadow-[0_0_0_1px_rgb(2_6_23/0.75),inset_0_0_0_1px_rgb(255_255_255/0.6)]",
            )}
            style={{
              left: `${piece.boundingBox.x * 100}%`,
              top: `${piece.boundingBox.y * 100}%`,
              width: `${piece.boundingBox.width * 100}%`,
              height: `${piece.boundingBox.height * 100}%`,
              borderColor: pieceColor(index),
              backgroundColor: active === index ? "rgb(255 255 255 / 0.12)" : undefined,
            }}
          >
            <span
              className="absolute -left-0.5 -top-0.5 flex size-5 items-center justify-center rounded-br-md text-xs font-bold text-slate-950"
              style={{ backgroundColor: pieceColor(index) }}
            >
              {index + 1}
            </span>
          </div>
        ) : null,
      )}
    </div>
  );
}

/** The pieces' list (number, type, colour, material, confidence), with the boxes' show / hide toggle. */
export function PiecesLegend({
  pieces,
  showBoxes,
  onToggleBoxes,
  onActive,
}: {
  pieces: readonly ImagePiece[];
  showBoxes: boolean;
  onToggleBoxes: () => void;
  onActive: (index: number | null) => void;
}) {
  const t = useTranslations("ai.detail.pieces");
  const tDetail = useTranslations("ai.detail");
  const unknown = t("unknown");
  const hasBoxes = pieces.some((piece) => piece.boundingBox !== null);
  return (
    <section
      aria-labelledby="detail-pieces-title"
      data-testid="detail-pieces"
      className="rounded-xl border border-white/10 p-4"
    >
      <div className="mb-3 flex items-center justify-between gap-2">
        <h3 id="detail-pieces-title" className="text-sm font-semibold text-white">
          {t("title")} <span className="font-normal text-slate-400">· {t("count", { count: pieces.length })}</span>
        </h3>
        {hasBoxes ? (
          <Button variant="ghost" size="sm" aria-pressed={showBoxes} onClick={onToggleBoxes}>
            {showBoxes ? t("hide") : t("show")}
          </Button>
        ) : null}
      </div>
      {pieces.length === 0 ? (
        <p className="text-sm text-slate-300">{t("none")}</p>
      ) : (
        <ol className="space-y-2">
          {pieces.map((piece, index) => (
            <li
              key={piece.position}
              data-testid="piece-legend"
              tabIndex={0}
              onMouseEnter={() => onActive(index)}
              onMouseLeave={() => onActive(null)}
              onFocus={() => onActive(index)}
              onBlur={() => onActive(null)}
              className="flex items-start gap-3 rounded-lg px-2 py-1.5 text-sm hover:bg-white/5 focus-visible:outline-2 focus-visible:outline-accent-300"
            >
              <span
                aria-hidden="true"
                className="mt-0.5 flex size-5 shrink-0 items-center justify-center rounded text-xs font-bold text-slate-950"
                style={{ backgroundColor: pieceColor(index) }}
              >
                {index + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-100">
                  <span className="sr-only">{t("piece", { n: index + 1 })}: </span>
                  {piece.category ?? unknown}
                </p>
                <p className="text-xs text-slate-300">
                  {t("color")}: {piece.color ?? unknown} · {t("material")}: {piece.material ?? unknown}
                </p>
                {piece.description ? <p className="text-xs text-slate-400">{piece.description}</p> : null}
              </div>
              {piece.confidence !== null ? (
                <span className="shrink-0 text-[11px] text-slate-400">
                  {tDetail("confidence", { value: piece.confidence })}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
