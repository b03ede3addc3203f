"use client";

import { useTranslations } from "next-intl";
import { QuickAiButton } from "@/components/ai/catalog-quick-ai";
import { ImageStatusBadge } from "@/components/batches/status-badge";
import { cn } from "@/components/ui/cn";
import { Thumbnail } from "@/components/ui/thumbnail";
import { dotColor } from "@/lib/catalog/dot-color";
import type { BatchImage, MatchStatus } from "@/lib/queries/types";
import { usePhotoCardLink } from "./use-image-detail-route";
import { CatalogCardCheckbox } from "./catalog-selection";

/** Height of the caption under the square thumbnail; the grids size their rows with it. */
export const CARD_CAPTION_HEIGHT = 82;

// Tinted chips with light text: every pair keeps >= 4.5:1 on the glass panels.
const MATCH_TONES: Record<MatchStatus, string> = {
  MATCHED: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  MANUAL: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  AMBIGUOUS: "border-amber-400/30 bg-amber-500/15 text-amber-200",
  UNMATCHED: "border-rose-400/30 bg-rose-500/15 text-rose-200",
  NO_SKU: "border-slate-400/30 bg-slate-500/15 text-slate-200",
  PENDING: "border-slate-400/30 bg-slate-500/15 text-slate-300",
};

export const WORKFLOW_TONES: Record<BatchImage["status"], string> = {
  PENDENTE: "border-slate-400/30 bg-slate-500/15 text-slate-200",
  APROVADO: "border-emerald-400/30 bg-emerald-500/15 text-emerald-200",
  REJEITADO: "border-rose-400/30 bg-rose-500/15 text-rose-200",
  PENDENTE_ANALISE_IA: "border-sky-400/30 bg-sky-500/15 text-sky-200",
};

const CHIP = "shrink-0 truncate rounded-full border px-1.5 py-px text-[11px] font-medium";

/** The SKU line: the product's SKU, else the one read from the file name (marked so), else "sem SKU". */
function SkuLine({ image }: { image: BatchImage }) {
  const t = useTranslations("catalog.card");
  const sku = image.sku ?? image.skuBase;
  return (
    <p className="flex min-w-0 items-baseline gap-1.5">
      {sku ? (
        <span data-testid="card-sku" className="truncate font-mono font-medium text-slate-100">
          {sku}
        </span>
      ) : (
        <span data-testid="card-sku" className="truncate italic text-slate-300">
          {t("noSku")}
        </span>
      )}
      {sku && !image.sku ? <span className="shrink-0 text-[11px] text-slate-400">{t("fromName")}</span> : null}
      <span data-testid="card-sequence" className="ml-auto shrink-0 font-mono text-slate-300">
        {image.sequence ?? "—"}
      </span>
    </p>
  );
}

/**
 * One photo of the catalog: its main area is a link to the photo's detail (`?foto=<id>`; a plain
 * click opens the side panel in place, a middle or modified click a new tab) holding a fixed
 * square thumbnail box, so lazy thumbnails never shift the grid, and a caption of fixed height.
 * The thumbnail's top-left corner is left free for the selection checkbox, its bottom-right for
 * the quick AI button (EDITOR and up, shown on hover or focus).
 */
export function CatalogCard({ image }: { image: BatchImage }) {
  const t = useTranslations("catalog");
  const workflow = useTranslations("workflow.status");
  const detailLink = usePhotoCardLink();
  const hasThumb = image.thumbnailUrl !== null && image.processingStatus === "READY";
  const color = dotColor(image.dominantColors);
  const captionId = `card-${image.id}-caption`;
  return (
    <a
      href={detailLink ? detailLink.hrefFor(image.id) : image.originalUrl}
      target={detailLink ? undefined : "_blank"}
      rel={detailLink ? undefined : "noopener"}
      onClick={(event) => {
        if (!detailLink || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
          return;
        event.preventDefault();
        detailLink.open(image.id, event.currentTarget);
      }}
      data-testid="catalog-card"
      data-image-id={image.id}
      data-sequence={image.sequence ?? ""}
      data-processing={image.processingStatus}
      aria-label={t(detailLink ? "card.openDetail" : "card.openPhoto", { name: image.originalName })}
      aria-describedby={captionId}
      className="glass-subtle group flex h-full flex-col overflow-hidden rounded-xl transition-colors hover:border-white/25 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-300"
    >
      <span className="relative block aspect-square w-full shrink-0 overflow-hidden bg-slate-950/60">
        <CatalogCardCheckbox imageId={image.id} name={image.originalName} />
        <Thumbnail src={hasThumb ? image.thumbnailUrl : null} missingText={t("card.noThumbnail")} />
        {image.processingStatus !== "READY" ? (
          <span className="absolute bottom-2 left-2">
            <ImageStatusBadge status={image.processingStatus} />
          </span>
        ) : null}
        {image.processingStatus === "READY" ? <QuickAiButton imageId={image.id} name={image.originalName} /> : null}
        {color ? (
          <span
            data-testid="color-dot"
            title={t("card.color", { color })}
            className="absolute right-2 top-2 size-3.5 rounded-full border border-white/60 shadow"
            style={{ backgroundColor: color }}
          />
        ) : null}
      </span>
      <span id={captionId} className="block min-w-0 space-y-1.5 p-2.5 text-xs" style={{ height: CARD_CAPTION_HEIGHT }}>
        <SkuLine image={image} />
        <span className="flex min-w-0 gap-1">
          <span data-testid="card-status" className={cn(CHIP, WORKFLOW_TONES[image.status])}>
            {workflow(image.status)}
          </span>
          <span data-testid="card-match" className={cn(CHIP, MATCH_TONES[image.matchStatus])}>
            {t(`matchStatus.${image.matchStatus}`)}
          </span>
        </span>
        <span className="block truncate text-slate-400" title={image.relativePath ?? image.originalName}>
          {image.originalName}
        </span>
      </span>
    </a>
  );
}
