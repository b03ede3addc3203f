"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import type { TypoEdit } from "@/lib/sku/typo-distance";
import type { ImageCandidate } from "@/lib/queries/types";

export type Candidate = ImageCandidate;

/** "O→0", "falta 0", "5 repetido": what the photo's text seems to have got wrong. */
function describeEdits(edits: TypoEdit[], t: ReturnType<typeof useTranslations<"reconciliation">>): string {
  return edits
    .map((e) => {
      if (e.kind === "dropped") return t(e.doubled ? "typo.droppedDouble" : "typo.dropped", { to: e.to });
      if (e.kind === "extra") return t(e.doubled ? "typo.extraDouble" : "typo.extra", { from: e.from });
      return t(`typo.${e.kind}`, { from: e.from, to: e.to });
    })
    .join(", ");
}

const TEXT_REASONS = new Set<Candidate["reasons"][number]>(["ocr_text", "barcode"]);

/**
 * Candidates as numbered buttons (keys 1–5), score as %, reasons as chips. A SKU read on the photo
 * ("texto na foto" / "código de barras") whose text score reaches the threshold is highlighted,
 * with the threshold and what was read.
 */
export function CandidateList({
  candidates,
  disabled,
  onPick,
  threshold,
}: {
  candidates: Candidate[];
  disabled: boolean;
  onPick: (c: Candidate) => void;
  /** ANALYSIS_CONFIDENCE_THRESHOLD (0–1). */
  threshold: number;
}) {
  const t = useTranslations("reconciliation");
  const tText = useTranslations("aiText");
  const thresholdPercent = Math.round(threshold * 100);
  return (
    <ol className="space-y-2">
      {candidates.map((c, i) => {
        const isHighlighted = c.text?.aboveThreshold === true;
        const highlightText = isHighlighted ? tText("aboveThreshold", { threshold: thresholdPercent }) : null;
        return (
          <li key={c.productId}>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onPick(c)}
              data-above-threshold={isHighlighted ? "true" : undefined}
              aria-label={`${i < 5 ? `${i + 1}. ` : ""}${t("pick", { sku: c.sku })} — ${t("score", { score: Math.round(c.score * 100) })}${highlightText ? ` — ${highlightText}` : ""}`}
              className={cn(
                "flex w-full items-start gap-3 rounded-xl border p-3 text-left transition-colors",
                isHighlighted
                  ? "border-emerald-400/60 bg-emerald-500/10 hover:bg-emerald-500/15"
                  : "border-white/10 bg-white/5 hover:bg-white/10",
                "focus-visible:outline-2 focus-visible:outline-accent-400 disabled:opacity-60",
              )}
            >
              <kbd className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-md border border-white/20 text-xs text-slate-200">
                {i < 5 ? i + 1 : "·"}
              </kbd>
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline justify-between gap-2">
                  <span className="truncate whitespace-nowrap font-mono text-sm text-white" title={c.sku}>
                    {c.sku}
                  </span>
                  <span className="shrink-0 text-sm font-semibold tabular-nums text-accent-300">
                    {t("score", { score: Math.round(c.score * 100) })}
                  </span>
                </span>
                {c.nomePeca || c.collectionName ? (
                  <span className="block truncate text-xs text-slate-300">
                    {[c.nomePeca, c.collectionName].filter(Boolean).join(" · ")}
                  </span>
                ) : null}
                {c.text?.evidence.length ? (
                  <span className="block truncate font-mono text-xs text-slate-300" title={c.text.evidence.join(" · ")}>
                    {tText("evidence", { evidence: c.text.evidence.join(" · ") })}
                  </span>
                ) : null}
                <span className="mt-1.5 flex flex-wrap gap-1">
                  {c.reasons.map((r) => (
                    <span
                      key={r}
                      className={cn(
                        "rounded-full border px-2 py-0.5 text-[11px]",
                        r === "ai_suggestion"
                          ? "border-violet-400/40 bg-violet-500/15 text-violet-200"
                          : TEXT_REASONS.has(r)
                            ? "border-emerald-400/40 bg-emerald-500/15 text-emerald-100"
                            : "border-sky-400/30 bg-sky-500/10 text-sky-200",
                      )}
                    >
                      {r === "ocr_text" || r === "barcode"
                        ? tText(`reasons.${r}`)
                        : r === "likely_typo" && c.typoEdits?.length
                          ? t("reasons.likely_typo_detail", { edits: describeEdits(c.typoEdits, t) })
                          : t(`reasons.${r}`)}
                    </span>
                  ))}
                  {highlightText ? (
                    <span className="rounded-full border border-emerald-300/60 bg-emerald-400/20 px-2 py-0.5 text-[11px] font-medium text-emerald-50">
                      {highlightText}
                    </span>
                  ) : null}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
