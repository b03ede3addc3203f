import { Prisma } from "@/lib/db/client";
import type { VisionReply } from "@/lib/ai/vision-schema";
import { agrees, foldColor, foldGarment, memoize, normalizeText, stem, type Folded } from "./normalize";

/** How many SKUs are proposed per photo. */
export const MAX_SUGGESTIONS = 5;
/**
 * The least score proposed. The type alone (0.45) or the colour alone (0.35) is not enough — a
 * collection has many blue shirts — so a suggestion needs the type with the colour or with words of
 * the name, or the colour with most of the name's words. A local analysis (colour only) proposes none.
 */
export const SUGGESTION_THRESHOLD = 0.5;
const WEIGHTS = { tipo_peca: 0.45, cor: 0.35, descricao: 0.2 } as const;
/** Products read per photo (a collection's carteira; without photos first). */
const CANDIDATE_LIMIT = 10_000;

export type SuggestionReason = keyof typeof WEIGHTS;

export type CandidateProduct = {
  id: string;
  sku: string;
  nomePeca: string | null;
  categoria: string | null;
  subcategoria: string | null;
  tipoPeca: string | null;
  cor: string | null;
  photoCount: number;
};

export type ScoredProduct = {
  productId: string;
  sku: string;
  score: number;
  reasons: SuggestionReason[];
  withoutPhotos: boolean;
};

const STOPWORDS = new Set(
  [
    "PARA",
    "COMO",
    "SOBRE",
    "ENTRE",
    "ESTA",
    "ESTE",
    "ESSA",
    "ESSE",
    "PELA",
    "PELO",
    "MUITO",
    "FOTO",
    "IMAGEM",
    "MODELO",
    "PECA",
    "FUNDO",
    "COM",
    "SEM",
  ].map(stem),
);

const wordsOf = memoize((value: string): string[] =>
  normalizeText(value)
    .split(" ")
    .filter((w) => w.length >= 4 && !/^\d+$/.test(w))
    .map(stem)
    .filter((w) => !STOPWORDS.has(w)),
);

function contentWords(...values: (string | null | undefined)[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) if (v) for (const w of wordsOf(v)) out.add(w);
  return out;
}

function union(parts: Folded[]): Folded {
  return { words: parts.flatMap((p) => p.words), families: new Set(parts.flatMap((p) => [...p.families])) };
}

/** A folded value as one comparable string ("Vestidos" and "VESTIDO" give the same). */
const key = (folded: Folded) => folded.words.join(" ");

const present = (values: (string | null | undefined)[]) => values.filter((v): v is string => !!v?.trim());

/**
 * Prepared once per reply, then applied to each product: how well the product's carteira fields
 * agree with the AI's type, colour and description (each 0..1, weighted by WEIGHTS).
 *  · tipo_peca: the AI type (or a piece's) equals the carteira tipoPeca once folded (1), or shares a family / its
 *    words with tipoPeca, categoria, subcategoria or the name (0.8).
 *  · cor: equals the carteira cor once folded (1), or shares a colour family with it — or with the name's
 *    colour words when the cor is empty (0.7).
 *  · descricao: the share of the name's words (nomePeca, subcategoria) found in the AI description
 *    and tags.
 */
export function productScorer(reply: VisionReply): (product: CandidateProduct) => ScoredProduct {
  const aiTypes = present([reply.tipo_peca, ...reply.pecas.map((p) => p.tipo_peca)]);
  const aiColors = present([reply.cor, ...reply.pecas.map((p) => p.cor)]);
  const aiTypeFolds = aiTypes.map(foldGarment);
  const aiColorFolds = aiColors.map(foldColor);
  const aiTypeKeys = new Set(aiTypeFolds.map(key));
  const aiColorKeys = new Set(aiColorFolds.map(key));
  const aiWords = contentWords(reply.descricao, ...reply.tags, ...reply.pecas.map((p) => p.descricao));

  return (product) => {
    const reasons: SuggestionReason[] = [];
    let score = 0;

    let tipo = 0;
    if (product.tipoPeca && aiTypeKeys.has(key(foldGarment(product.tipoPeca)))) tipo = 1;
    else {
      const theirs = union(
        present([product.tipoPeca, product.categoria, product.subcategoria, product.nomePeca]).map(foldGarment),
      );
      if (aiTypeFolds.some((ours) => ours.families.size > 0 && agrees(ours, theirs))) tipo = 0.8;
    }

    let cor = 0;
    if (product.cor && aiColorKeys.has(key(foldColor(product.cor)))) cor = 1;
    else {
      const theirs = product.cor?.trim()
        ? foldColor(product.cor)
        : product.nomePeca
          ? foldColor(product.nomePeca)
          : null;
      if (theirs && theirs.families.size > 0 && aiColorFolds.some((ours) => agrees(ours, theirs))) cor = 0.7;
    }

    let descricao = 0;
    const nameWords = contentWords(product.nomePeca, product.subcategoria);
    if (nameWords.size > 0 && aiWords.size > 0) {
      let found = 0;
      for (const w of nameWords) if (aiWords.has(w)) found++;
      descricao = found / nameWords.size;
    }

    for (const [reason, part] of [
      ["tipo_peca", tipo],
      ["cor", cor],
      ["descricao", descricao],
    ] as const)
      if (part > 0) {
        reasons.push(reason);
        score += WEIGHTS[reason] * part;
      }
    return {
      productId: product.id,
      sku: product.sku,
      score: Math.round(score * 1000) / 1000,
      reasons,
      withoutPhotos: product.photoCount === 0,
    };
  };
}

/**
 * The best products for a reply: those at or above SUGGESTION_THRESHOLD, products still without
 * photos first (the photo most likely belongs to a SKU that has none), then by score, then SKU.
 */
export function rankSuggestions(
  reply: VisionReply,
  products: CandidateProduct[],
  limit = MAX_SUGGESTIONS,
): ScoredProduct[] {
  const score = productScorer(reply);
  return products
    .map(score)
    .filter((s) => s.score >= SUGGESTION_THRESHOLD)
    .sort(
      (a, b) =>
        Number(b.withoutPhotos) - Number(a.withoutPhotos) ||
        b.score - a.score ||
        (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0),
    )
    .slice(0, limit);
}

/**
 * "sugestão IA": replaces the photo's ImageAiSuggestion rows with the best SKUs of its collection's
 * carteira for this AI answer (its brand's when the photo has no collection; none without either)
 * and returns how many. Nothing is linked: the rows are candidates for a person in the
 * reconciliation screen (lib/reconciliation/get-image-candidates.ts).
 */
export async function suggestProductsForImage(
  tx: Prisma.TransactionClient,
  image: { id: string; collectionId: string | null; brandId: string | null },
  reply: VisionReply,
): Promise<number> {
  await tx.imageAiSuggestion.deleteMany({ where: { imageId: image.id } });
  const scope = image.collectionId
    ? Prisma.sql`p."collectionId" = ${image.collectionId}::uuid`
    : image.brandId
      ? Prisma.sql`p."brandId" = ${image.brandId}::uuid`
      : null;
  if (!scope) return 0;
  // Without photos first (no count row, or n = 0), so a big carteira cut at the limit keeps them.
  const rows = await tx.$queryRaw<CandidateProduct[]>`
    SELECT p."id"::text AS id, p."sku", p."nomePeca", p."categoria", p."subcategoria", p."tipoPeca", p."cor",
           COALESCE(c."n", 0)::int AS "photoCount"
    FROM "Product" p LEFT JOIN "ProductPhotoCount" c ON c."productId" = p."id"
    WHERE ${scope}
    ORDER BY COALESCE(c."n", 0) > 0, p."sku"
    LIMIT ${CANDIDATE_LIMIT}`;
  const best = rankSuggestions(reply, rows);
  if (best.length === 0) return 0;
  await tx.imageAiSuggestion.createMany({
    data: best.map((s) => ({ imageId: image.id, productId: s.productId, score: s.score, reasons: s.reasons })),
  });
  return best.length;
}
