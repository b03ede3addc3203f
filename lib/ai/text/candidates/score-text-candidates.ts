import type { SkuToken } from "./sku-tokens";

/**
 * How much each kind of evidence is worth (0–1). An exact barcode is certain (its check digit
 * passed); an exact printed SKU is near it, by the OCR's confidence; a read that equals the SKU only
 * once O/0 and I/1 are folded stays under the default threshold (0.82) so a person looks at it.
 */
export const TEXT_SCORES = {
  barcodeGtin: 1,
  /** A Code 128 / QR whose text is the SKU. */
  barcodeSku: 0.95,
  /** An exact printed SKU: base + confidence × span. */
  ocrExact: { base: 0.9, span: 0.1 },
  ocrMisread: { base: 0.7, span: 0.1 },
  /** A misread several SKUs of the scope fold to: less again. */
  ocrMisreadShared: { base: 0.6, span: 0.1 },
} as const;

export type TextReason = "ocr_text" | "barcode";

export type ScopeProduct = { id: string; sku: string; skuKey: string; eanKey: string | null };

/** A barcode read on the photo, as matching needs it (lib/ai/text/candidates/gtin.ts). */
export type BarcodeEvidence = { format: string; text: string; gtinKey: string | null; skuKey: string | null };

export type TextCandidate = {
  productId: string;
  sku: string;
  score: number;
  reasons: TextReason[];
  /** What was read ("VD25-0150", "EAN-13 7891234567895"). */
  evidence: string[];
};

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The products of the photo's scope that its text and barcodes name, best first (score, then
 * SKU), at most `limit`. `products` are the scope's products that may match (their key, folded key
 * or EAN among the reads): whatever else they are, only the evidence here gives them a score.
 */
export function scoreTextCandidates(input: {
  tokens: readonly SkuToken[];
  barcodes: readonly BarcodeEvidence[];
  products: readonly ScopeProduct[];
  limit: number;
  fold: (key: string) => string;
}): TextCandidate[] {
  const best = new Map<string, TextCandidate>();
  const offer = (p: ScopeProduct, score: number, reason: TextReason, evidence: string) => {
    const prev = best.get(p.id);
    if (!prev) {
      best.set(p.id, { productId: p.id, sku: p.sku, score: round(score), reasons: [reason], evidence: [evidence] });
      return;
    }
    prev.score = Math.max(prev.score, round(score));
    if (!prev.reasons.includes(reason)) prev.reasons.push(reason);
    if (!prev.evidence.includes(evidence)) prev.evidence.push(evidence);
  };

  const byKey = new Map<string, ScopeProduct[]>();
  const byFolded = new Map<string, ScopeProduct[]>();
  const byEan = new Map<string, ScopeProduct[]>();
  const push = (map: Map<string, ScopeProduct[]>, key: string, p: ScopeProduct) => {
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  };
  for (const p of input.products) {
    push(byKey, p.skuKey, p);
    push(byFolded, input.fold(p.skuKey), p);
    if (p.eanKey) push(byEan, p.eanKey, p);
  }

  for (const t of input.tokens) {
    const exact = byKey.get(t.key) ?? [];
    for (const p of exact)
      offer(p, TEXT_SCORES.ocrExact.base + TEXT_SCORES.ocrExact.span * t.confidence, "ocr_text", t.text);
    const misread = (byFolded.get(t.folded) ?? []).filter((p) => p.skuKey !== t.key);
    const weight = misread.length + exact.length > 1 ? TEXT_SCORES.ocrMisreadShared : TEXT_SCORES.ocrMisread;
    for (const p of misread) offer(p, weight.base + weight.span * t.confidence, "ocr_text", t.text);
  }
  for (const b of input.barcodes) {
    const evidence = `${b.format} ${b.text}`;
    if (b.gtinKey) for (const p of byEan.get(b.gtinKey) ?? []) offer(p, TEXT_SCORES.barcodeGtin, "barcode", evidence);
    if (b.skuKey) for (const p of byKey.get(b.skuKey) ?? []) offer(p, TEXT_SCORES.barcodeSku, "barcode", evidence);
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0))
    .slice(0, input.limit);
}

/** Whether a candidate is highlighted and may be validated in bulk ("acima do limite"). */
export const isAboveThreshold = (score: number, threshold: number) => score >= threshold;
