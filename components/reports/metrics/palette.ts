import type { AI_STATUSES, IMAGE_STATUSES, MATCH_STATUSES, PROCESSING_STATUSES } from "@/lib/images/schemas";

/**
 * Colours of the status values on the dark UI (Tailwind 400s, ≥ 7:1 on slate-900): green for done
 * or approved, rose for failed or rejected, amber for what needs a person, slate for not yet. The
 * legends always write the label and the count beside the swatch, so colour is never the only cue.
 */
export const STATUS_COLORS: Record<(typeof IMAGE_STATUSES)[number], string> = {
  PENDENTE: "#94a3b8",
  APROVADO: "#34d399",
  REJEITADO: "#fb7185",
  PENDENTE_ANALISE_IA: "#a78bfa",
};

export const MATCH_COLORS: Record<(typeof MATCH_STATUSES)[number], string> = {
  MATCHED: "#34d399",
  MANUAL: "#5eead4",
  AMBIGUOUS: "#fbbf24",
  UNMATCHED: "#fb7185",
  NO_SKU: "#fb923c",
  PENDING: "#94a3b8",
};

export const PROCESSING_COLORS: Record<(typeof PROCESSING_STATUSES)[number], string> = {
  READY: "#34d399",
  FAILED: "#fb7185",
  PROCESSING: "#38bdf8",
  QUEUED: "#a5b4fc",
  UPLOADED: "#94a3b8",
  CANCELLED: "#71717a",
};

export const AI_COLORS: Record<(typeof AI_STATUSES)[number], string> = {
  ANALYZED: "#34d399",
  NONE: "#64748b",
  QUEUED: "#a78bfa",
  FAILED: "#fb7185",
};

/** Single-series bars: brands (accent), failures (rose), days (sky). */
export const SERIES_COLORS = { brands: "#a78bfa", failures: "#fb7185", days: "#38bdf8" } as const;
