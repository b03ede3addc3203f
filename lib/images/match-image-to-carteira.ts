import path from "node:path";
import { getSkuIndexForScope } from "@/lib/catalog/sku-scope-index";
import { getPrisma, Prisma, type MatchStatus } from "@/lib/db/client";
import { matchFilename, parseSkuFilename, type MatchResult, type SkuIndex } from "@/lib/sku";

/** Decisions a person made; automatic matching never overrides them. */
export const MANUAL_MATCH_STATUSES: MatchStatus[] = ["MANUAL", "NO_SKU"];

export type ImageForMatching = {
  id: string;
  originalName: string;
  relativePath: string | null;
  collectionId: string | null;
  brandId: string | null;
  matchStatus: MatchStatus;
  productId: string | null;
};

export type MatchOutcome = { changed: boolean; from: MatchStatus; to: MatchStatus; productId: string | null };

function folderOf(relativePath: string | null): string | null {
  if (!relativePath) return null;
  const dir = path.posix.dirname(relativePath.replace(/\\/g, "/"));
  return dir === "." ? null : dir;
}

/**
 * The matcher's answer for one stored name (the image's `originalName` and `relativePath`): what
 * ingestion links a photo by, and what the dry run before an upload predicts with (one matcher).
 */
export function matchStoredName(index: SkuIndex, originalName: string, relativePath: string | null): MatchResult {
  return matchFilename(index, { filename: originalName, folder: folderOf(relativePath) });
}

export type CarteiraMatch = {
  productId: string | null;
  matchStatus: MatchStatus;
  skuBase: string | null;
  sequence: string | null;
  matchScore: number | null;
  matchCandidates: string[] | null;
};

/** The link fields for one photo from its filename (and folder) within the match scope; writes nothing. */
export async function computeCarteiraMatch(image: ImageForMatching): Promise<CarteiraMatch> {
  const folder = folderOf(image.relativePath);
  const scope = await getSkuIndexForScope({ collectionId: image.collectionId, brandId: image.brandId });
  if (!scope) {
    const parsed = parseSkuFilename(image.originalName, folder);
    return {
      productId: null,
      matchStatus: "UNMATCHED",
      skuBase: parsed.skuBase,
      sequence: parsed.sequence,
      matchScore: null,
      matchCandidates: null,
    };
  }
  const result = matchStoredName(scope.index, image.originalName, image.relativePath);
  if (result.status === "matched") {
    return {
      productId: scope.skuToProductId.get(result.sku) ?? null,
      matchStatus: "MATCHED",
      skuBase: result.skuBase,
      sequence: result.sequence,
      matchScore: result.exact ? 1 : 0.95,
      matchCandidates: null,
    };
  }
  if (result.status === "ambiguous") {
    return {
      productId: null,
      matchStatus: "AMBIGUOUS",
      skuBase: result.skuBase,
      sequence: result.sequence,
      matchScore: null,
      matchCandidates: result.candidates,
    };
  }
  return {
    productId: null,
    matchStatus: "UNMATCHED",
    skuBase: result.skuBase,
    sequence: result.sequence,
    matchScore: null,
    matchCandidates: null,
  };
}

/**
 * Links one photo to its carteira SKU from the filename (and folder), within the match scope.
 * Writes only the link fields (product, sku_base, sequência, match status/candidates), never AI
 * fields, and never touches a person's decision (guarded in the UPDATE itself, not only here).
 */
export async function matchImageToCarteira(image: ImageForMatching): Promise<MatchOutcome> {
  if (MANUAL_MATCH_STATUSES.includes(image.matchStatus)) {
    return { changed: false, from: image.matchStatus, to: image.matchStatus, productId: image.productId };
  }
  const data = await computeCarteiraMatch(image);
  const updated = await getPrisma().image.updateMany({
    where: { id: image.id, matchStatus: { notIn: MANUAL_MATCH_STATUSES } },
    data: { ...data, matchCandidates: data.matchCandidates ?? Prisma.DbNull },
  });
  const changed = updated.count > 0 && (image.matchStatus !== data.matchStatus || image.productId !== data.productId);
  return {
    changed,
    from: image.matchStatus,
    to: updated.count > 0 ? data.matchStatus : image.matchStatus,
    productId: data.productId,
  };
}
