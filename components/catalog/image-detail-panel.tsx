"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { imageAiView, type ImagePiece } from "@/components/ai/image-ai-view";
import { PiecesLegend } from "@/components/ai/piece-boxes";
import { ContentPanel } from "@/components/content/content-panel";
import { ImageTextSection } from "@/components/ai-text/image-text-section";
import { Button, buttonClasses } from "@/components/ui/button";
import { CloseIcon, SpinnerIcon } from "@/components/ui/icons";
import { detailNeighbours } from "@/lib/catalog/detail-neighbours";
import { prefetchImageDetail, useImageDetail } from "@/lib/queries/image-detail";
import type { BatchImage, ImageDetail } from "@/lib/queries/types";
import { Preview, previewUrl } from "./image-detail-preview";
import { AuditTrail, FileFacts, ProductGroup, SiblingStrip } from "./image-detail-facts";
import { CarteiraGroup, EditorialGroup, WorkflowControls } from "./image-detail-fields";

function ChevronIcon({ direction }: { direction: "left" | "right" }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-5" fill="none" stroke="currentColor" strokeWidth={2}>
      <path
        d={direction === "left" ? "M15 18l-6-6 6-6" : "M9 18l6-6-6-6"}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function Body({
  detail,
  canEdit,
  onOpen,
  pieces,
}: {
  detail: ImageDetail;
  canEdit: boolean;
  onOpen: (id: string) => void;
  pieces: { list: readonly ImagePiece[]; isShown: boolean; onToggle: () => void; onActive: (i: number | null) => void };
}) {
  return (
    <div className="space-y-4">
      <WorkflowControls image={detail} canEdit={canEdit} />
      <CarteiraGroup image={detail} />
      <EditorialGroup image={detail} canEdit={canEdit} />
      <ContentPanel owner={{ kind: "image", id: detail.id }} canEdit={canEdit} />
      {pieces.list.length > 0 ? (
        <PiecesLegend
          pieces={pieces.list}
          showBoxes={pieces.isShown}
          onToggleBoxes={pieces.onToggle}
          onActive={pieces.onActive}
        />
      ) : null}
      <ProductGroup image={detail} />
      <ImageTextSection imageId={detail.id} />
      <SiblingStrip image={detail} onOpen={onOpen} />
      <FileFacts image={detail} />
      <AuditTrail image={detail} />
    </div>
  );
}

const isTyping = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export type DetailNeighbours = {
  /** The photos in the order the current view shows them (every loaded page). */
  photos: readonly BatchImage[];
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
};

/**
 * The photo detail as a modal side panel (a native <dialog>: focus moves in and stays, Esc closes,
 * the page behind is inert). ←/→ and the buttons move to the neighbour in the loaded list; past
 * its last photo, the next page is fetched first.
 */
export function ImageDetailPanel({
  photoId,
  neighbours,
  canEdit,
  onMove,
  onClose,
}: {
  photoId: string;
  neighbours: DetailNeighbours;
  canEdit: boolean;
  onMove: (id: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("imageDetail");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const detail = useImageDetail(photoId);
  const { photos, hasMore, isLoadingMore, onLoadMore } = neighbours;
  const { index, previous, next, needsNextPage } = detailNeighbours(photos, photoId, hasMore);
  const item = index >= 0 ? photos[index] : undefined;
  const canGoNext = next !== null || needsNextPage;
  // "→" on the last loaded photo: the next page is asked for and the move happens when it arrives.
  const [waitingFrom, setWaitingFrom] = useState<string | null>(null);
  const isWaiting = waitingFrom === photoId;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>("[data-detail-close]")?.focus();
  }, []);
  useEffect(() => {
    if (isWaiting && next) onMove(next.id);
  }, [isWaiting, next, onMove]);
  // → is the common move: its detail and preview are asked for while this photo is looked at.
  const queryClient = useQueryClient();
  const nextId = next?.processingStatus === "READY" ? next.id : null;
  useEffect(() => {
    if (!nextId) return;
    void prefetchImageDetail(queryClient, nextId);
    new Image().src = previewUrl(nextId);
  }, [nextId, queryClient]);

  const goPrevious = () => previous && onMove(previous.id);
  const goNext = () => {
    if (next) onMove(next.id);
    else if (canGoNext) {
      setWaitingFrom(photoId);
      onLoadMore();
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      goPrevious();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      goNext();
    }
  };

  const shown = detail.data ?? item;
  // The AI's pieces: boxes over the preview, their legend in the body (hovering one lights its box).
  const pieceList = detail.data ? imageAiView(detail.data).pieces : [];
  const [showBoxes, setShowBoxes] = useState(true);
  const [activePiece, setActivePiece] = useState<number | null>(null);
  const name = shown?.originalName ?? "";
  const sku = shown ? (shown.sku ?? shown.skuBase) : null;
  return (
    <dialog
      ref={dialogRef}
      data-testid="image-detail"
      aria-labelledby="image-detail-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      // A click on the backdrop (beside the panel) lands on the <dialog> itself: it closes the panel.
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
      className="fixed inset-y-0 left-auto right-0 m-0 h-dvh max-h-none w-full max-w-[min(76rem,100vw)] overflow-hidden border-l border-white/10 bg-slate-950/95 p-0 text-slate-100 shadow-2xl backdrop:bg-slate-950/70 backdrop:backdrop-blur-sm"
    >
      <div className="flex h-full flex-col">
        <header className="flex items-center gap-3 border-b border-white/10 px-5 py-3">
          <div className="min-w-0 flex-1">
            <h2 id="image-detail-title" className="truncate text-base font-semibold text-white" title={name}>
              {name || t("loading")}
            </h2>
            <p className="flex flex-wrap items-center gap-x-3 text-xs text-slate-400">
              <span data-testid="detail-sku" className="font-mono text-slate-200">
                {sku ?? t("noSku")}
              </span>
              {index >= 0 ? (
                <span data-testid="detail-position">
                  {t(hasMore ? "positionMore" : "position", { index: index + 1, count: photos.length })}
                </span>
              ) : null}
              <span className="hidden md:inline">{t("keyboardHint")}</span>
              {isWaiting && isLoadingMore ? <span role="status">{t("loadingNext")}</span> : null}
            </p>
          </div>
          {shown ? (
            <a
              href={shown.originalUrl}
              target="_blank"
              rel="noopener"
              aria-label={t("openOriginalLabel", { name })}
              className={buttonClasses("ghost", "sm", "hidden sm:inline-flex")}
            >
              {t("openOriginal")}
            </a>
          ) : null}
          <Button variant="secondary" size="sm" aria-label={t("previous")} disabled={!previous} onClick={goPrevious}>
            <ChevronIcon direction="left" />
          </Button>
          <Button
            variant="secondary"
            size="sm"
            aria-label={t("next")}
            disabled={!canGoNext || isWaiting}
            onClick={goNext}
          >
            <ChevronIcon direction="right" />
          </Button>
          <Button data-detail-close variant="ghost" size="sm" aria-label={t("close")} onClick={onClose}>
            <CloseIcon className="size-5" />
          </Button>
        </header>
        <div className="grid min-h-0 flex-1 grid-rows-[minmax(16rem,45vh)_auto] overflow-y-auto lg:grid-cols-[minmax(0,1.1fr)_minmax(24rem,1fr)] lg:grid-rows-1 lg:overflow-hidden">
          <div className="min-h-0 bg-black/40 p-4">
            {shown ? (
              <Preview
                key={photoId}
                id={photoId}
                name={name}
                thumbnailUrl={shown.thumbnailUrl}
                isReady={shown.processingStatus === "READY"}
                overlay={{ pieces: pieceList, isShown: showBoxes, active: activePiece }}
              />
            ) : null}
          </div>
          <div className="min-h-0 border-white/10 p-5 lg:overflow-y-auto lg:border-l">
            {detail.data ? (
              <Body
                detail={detail.data}
                canEdit={canEdit}
                onOpen={onMove}
                pieces={{
                  list: pieceList,
                  isShown: showBoxes,
                  onToggle: () => setShowBoxes((value) => !value),
                  onActive: setActivePiece,
                }}
              />
            ) : detail.isError ? (
              <div role="alert" className="flex items-center justify-between gap-3 text-sm text-rose-200">
                {t("error")}
                <Button variant="secondary" size="sm" onClick={() => void detail.refetch()}>
                  {t("retry")}
                </Button>
              </div>
            ) : (
              <p className="inline-flex items-center gap-2 text-sm text-slate-300">
                <SpinnerIcon className="size-4 animate-spin" />
                {t("loading")}
              </p>
            )}
          </div>
        </div>
      </div>
    </dialog>
  );
}
