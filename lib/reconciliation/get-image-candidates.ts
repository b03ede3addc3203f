import "server-only";
import path from "node:path";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";
import { isAboveThreshold } from "@/lib/ai/text/candidates/score-text-candidates";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { normalizeSkuKey, rankCandidates, type CandidateSku, type TypoEdit } from "@/lib/sku";
import { productSearchWhere } from "@/lib/products/product-search";
import type { imageCandidateSchema, imageCandidatesSchema } from "./schemas";

type CandidateView = z.infer<typeof imageCandidateSchema>;

const SCOPE_PREFILTER_LIMIT = 5_000;
const SEARCH_LIMIT = 50;
const SIBLING_LIMIT = 20;
/**
 * An AI proposal ("sugestão IA") the name ranking does not list is shown with its AI score scaled by
 * this: the filename evidence (an exact prefix is 0.8) stays above a guess from type and colour.
 */
const AI_ONLY_SCORE_WEIGHT = 0.6;

type TextEvidence = { score: number; reasons: ("ocr_text" | "barcode")[]; evidence: string[] };

/**
 * Ranked SKUs for one photo ("which SKU is this?"): the SKUs of the photo's match scope (its
 * collection; narrowed by key prefix in the database for brand/all scopes), plus SKUs its
 * siblings (same sku_base, same collection) are already linked to, ranked by `rankCandidates`.
 * With `q`, any SKU of any collection matching the search (SKU prefix or name) is listed, ranked
 * first by the same score. The SKUs the AI analysis proposed for the photo (ImageAiSuggestion,
 * lib/ai/matching/suggest-products.ts) carry the reason `ai_suggestion` ("sugestão IA"); without `q`
 * the ones the ranking does not list are added, scored AI_ONLY_SCORE_WEIGHT × their AI score. They
 * are candidates for a person to pick, never a link.
 * The SKUs the photo's printed text or barcodes name (ImageTextCandidate, lib/ai/text/candidates —
 * a sibling table, replaced by the "texto" step alone) carry `ocr_text` / `barcode` and their text
 * score: a ranked SKU takes the higher of its two scores, an unranked one joins by its text score
 * (it was read on the photo, within the match scope). `text.aboveThreshold` marks those whose text
 * score reaches ANALYSIS_CONFIDENCE_THRESHOLD.
 */
export async function getImageCandidates(
  imageId: string,
  opts: { q?: string; limit?: number } = {},
): Promise<z.infer<typeof imageCandidatesSchema>> {
  const prisma = getPrisma();
  const limit = opts.limit ?? 10;
  const threshold = getEnv().ANALYSIS_CONFIDENCE_THRESHOLD;
  const image = await prisma.image.findUnique({
    where: { id: imageId },
    select: {
      id: true,
      originalName: true,
      relativePath: true,
      skuBase: true,
      sequence: true,
      collectionId: true,
      brandId: true,
      matchStatus: true,
      productId: true,
    },
  });
  if (!image) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const folder = folderOf(image.relativePath);
  const baseKey = normalizeSkuKey(image.skuBase ?? path.parse(image.originalName).name);

  const pool = new Map<
    string,
    {
      id: string;
      sku: string;
      nomePeca: string | null;
      collectionId: string | null;
      sibling: boolean;
      searched: boolean;
      aiScore: number | null;
      text: TextEvidence | null;
    }
  >();
  const add = (
    rows: { id: string; sku: string; nomePeca: string | null; collectionId: string | null }[],
    flags: { sibling?: boolean; searched?: boolean; aiScore?: number; text?: TextEvidence } = {},
  ) => {
    for (const row of rows) {
      const prev = pool.get(row.sku);
      pool.set(row.sku, {
        ...row,
        sibling: (prev?.sibling ?? false) || flags.sibling === true,
        searched: (prev?.searched ?? false) || flags.searched === true,
        aiScore: flags.aiScore ?? prev?.aiScore ?? null,
        text: flags.text ?? prev?.text ?? null,
      });
    }
  };
  const select = { id: true, sku: true, nomePeca: true, collectionId: true } as const;

  const q = opts.q?.trim();
  if (q) {
    add(
      await prisma.product.findMany({
        where: productSearchWhere(q),
        orderBy: { sku: "asc" },
        take: SEARCH_LIMIT,
        select,
      }),
      {
        searched: true,
      },
    );
  } else {
    const scopeWhere = scopeFilter(image);
    if (scopeWhere)
      add(await prisma.product.findMany({ where: scopeWhere(baseKey), take: SCOPE_PREFILTER_LIMIT, select }));
  }
  if (image.skuBase) {
    const siblings = await prisma.image.findMany({
      where: {
        skuBase: image.skuBase,
        collectionId: image.collectionId,
        productId: { not: null },
        id: { not: image.id },
        matchStatus: { in: ["MATCHED", "MANUAL"] },
      },
      distinct: ["productId"],
      take: SIBLING_LIMIT,
      select: { product: { select } },
    });
    const linked = siblings.flatMap((s) => (s.product ? [s.product] : []));
    // In search mode only the searched SKUs are listed; siblings just boost them.
    if (q)
      add(
        linked.filter((p) => pool.has(p.sku)),
        { sibling: true },
      );
    else add(linked, { sibling: true });
  }

  const suggestions = await prisma.imageAiSuggestion.findMany({
    where: { imageId: image.id },
    orderBy: [{ score: "desc" }, { productId: "asc" }],
    select: { score: true, product: { select } },
  });
  for (const s of suggestions)
    // In search mode only the searched SKUs are listed; a proposal just marks them.
    if (!q || pool.has(s.product.sku)) add([s.product], { aiScore: s.score });

  const textCandidates = await prisma.imageTextCandidate.findMany({
    where: { imageId: image.id },
    orderBy: [{ score: "desc" }, { productId: "asc" }],
    select: { score: true, reasons: true, evidence: true, product: { select } },
  });
  for (const c of textCandidates)
    if (!q || pool.has(c.product.sku))
      add([c.product], {
        text: {
          score: c.score,
          reasons: c.reasons.filter((r): r is TextEvidence["reasons"][number] => r === "ocr_text" || r === "barcode"),
          evidence: c.evidence,
        },
      });

  const skus: CandidateSku[] = [...pool.values()].map((p) => ({
    sku: p.sku,
    collectionId: p.collectionId,
    hasLinkedSiblings: p.sibling,
  }));
  const ranked = rankCandidates({ filename: image.originalName, folder, skuBase: image.skuBase }, skus, {
    collectionId: image.collectionId,
    limit: q ? SEARCH_LIMIT : limit,
  });
  const rankedSkus = new Set(ranked.map((r) => r.sku));
  const results: { sku: string; score: number; reasons: CandidateView["reasons"]; typoEdits?: TypoEdit[] }[] =
    ranked.map((r) => {
      const p = pool.get(r.sku);
      return {
        sku: r.sku,
        score: Math.max(r.score, p?.text?.score ?? 0),
        reasons: [
          ...r.reasons,
          ...(p?.searched ? ["search_match" as const] : []),
          ...(p?.aiScore != null ? ["ai_suggestion" as const] : []),
          ...(p?.text?.reasons ?? []),
        ],
        ...(r.typoEdits ? { typoEdits: r.typoEdits } : {}),
      };
    });
  // A search hit with no name fit is still a valid pick for a person: listed after the ranked ones.
  if (q)
    for (const p of pool.values())
      if (p.searched && !rankedSkus.has(p.sku))
        results.push({
          sku: p.sku,
          score: 0,
          reasons: [
            "search_match",
            ...(p.aiScore != null ? ["ai_suggestion" as const] : []),
            ...(p.text?.reasons ?? []),
          ],
        });
  // An AI proposal the ranking does not list joins by its scaled score (ties: the ranked one first).
  // A SKU read on the photo joins by its text score (with the AI's reason too when it proposed it).
  if (!q) {
    for (const p of pool.values())
      if ((p.aiScore != null || p.text) && !rankedSkus.has(p.sku))
        results.push({
          sku: p.sku,
          score: Math.max(
            p.aiScore != null ? Math.round(p.aiScore * AI_ONLY_SCORE_WEIGHT * 1000) / 1000 : 0,
            p.text?.score ?? 0,
          ),
          reasons: [...(p.aiScore != null ? ["ai_suggestion" as const] : []), ...(p.text?.reasons ?? [])],
        });
    results.sort((a, b) => b.score - a.score);
  }

  const collectionIds = [
    ...new Set([...pool.values()].map((p) => p.collectionId).filter((id): id is string => id != null)),
  ];
  const collections = new Map(
    (await prisma.collection.findMany({ where: { id: { in: collectionIds } }, select: { id: true, name: true } })).map(
      (c) => [c.id, c.name],
    ),
  );
  const candidates: CandidateView[] = results.slice(0, q ? SEARCH_LIMIT : limit).map((r) => {
    const p = pool.get(r.sku)!;
    return {
      productId: p.id,
      sku: p.sku,
      nomePeca: p.nomePeca,
      collectionId: p.collectionId,
      collectionName: p.collectionId ? (collections.get(p.collectionId) ?? null) : null,
      score: r.score,
      reasons: r.reasons,
      ...(r.typoEdits ? { typoEdits: r.typoEdits } : {}),
      ...(p.text
        ? {
            text: {
              score: p.text.score,
              evidence: p.text.evidence,
              aboveThreshold: isAboveThreshold(p.text.score, threshold),
            },
          }
        : {}),
    };
  });
  return {
    image: {
      id: image.id,
      originalName: image.originalName,
      skuBase: image.skuBase,
      sequence: image.sequence,
      matchStatus: image.matchStatus,
      collectionId: image.collectionId,
      productId: image.productId,
    },
    candidates,
  };
}

/** The products a photo may be matched against (same rule as MATCH_SCOPE), as a query per base key. */
function scopeFilter(image: {
  collectionId: string | null;
  brandId: string | null;
}): ((baseKey: string) => Prisma.ProductWhereInput) | null {
  const mode = getEnv().MATCH_SCOPE;
  // A collection's SKUs are few enough to rank all of them (trigrams catch typos in the first characters).
  if (mode === "collection") return image.collectionId ? () => ({ collectionId: image.collectionId }) : null;
  const prefix = (key: string) => (key.length >= 2 ? { skuKey: { startsWith: key.slice(0, 2) } } : {});
  if (mode === "brand" && image.brandId) return (key) => ({ brandId: image.brandId, ...prefix(key) });
  if (mode === "all") return (key) => (key.length >= 2 ? prefix(key) : { id: { in: [] } });
  return image.collectionId ? () => ({ collectionId: image.collectionId }) : null;
}

function folderOf(relativePath: string | null): string | null {
  if (!relativePath) return null;
  const dir = path.posix.dirname(relativePath.replace(/\\/g, "/"));
  return dir === "." ? null : dir;
}
