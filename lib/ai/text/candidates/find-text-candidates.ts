import { getEnv } from "@/lib/config/env";
import { getPrisma, Prisma } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";
import { readGtin } from "./gtin";
import {
  scoreTextCandidates,
  type BarcodeEvidence,
  type ScopeProduct,
  type TextCandidate,
} from "./score-text-candidates";
import { extractSkuTokens, foldOcrConfusions, MIN_KEY_LENGTH } from "./sku-tokens";

/** What was read on a photo, as candidates need it (the `PhotoText` of lib/ai/text/read-photo-text.ts). */
export type TextReading = {
  text: string;
  words: readonly { text: string; confidence: number }[];
  codes: readonly { format: string; text: string }[];
};

/** Scope products read per photo at most: the reads name a handful; this only bounds a pathological text. */
const PRODUCT_LIMIT = 500;

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * The carteira a photo's text may name: the same rule as the filename matcher's MATCH_SCOPE
 * (lib/catalog/sku-scope-index.ts): `all` → every product; `brand` → the photo's brand (its
 * collection when it has no brand); `collection` → its collection. No scope (no collection, and no
 * brand under `brand`): nothing — a SKU of another collection is never a candidate.
 */
export function textScopeSql(image: { collectionId: string | null; brandId: string | null }): Prisma.Sql | null {
  const mode = getEnv().MATCH_SCOPE;
  if (mode === "all") return Prisma.sql`TRUE`;
  if (mode === "brand" && image.brandId) return Prisma.sql`p."brandId" = ${image.brandId}::uuid`;
  if (image.collectionId) return Prisma.sql`p."collectionId" = ${image.collectionId}::uuid`;
  return null;
}

/** The barcodes as matching evidence, and those whose check digit failed (damaged or misread). */
export function barcodeEvidence(codes: TextReading["codes"]): {
  barcodes: BarcodeEvidence[];
  damaged: { format: string; text: string }[];
} {
  const barcodes: BarcodeEvidence[] = [];
  const damaged: { format: string; text: string }[] = [];
  for (const code of codes) {
    const gtin = readGtin(code);
    if (gtin.kind === "damaged") {
      damaged.push({ format: code.format, text: code.text });
      continue;
    }
    const key = gtin.kind === "other" ? normalizeSkuKey(code.text.trim()) : "";
    barcodes.push({
      format: code.format,
      text: code.text,
      gtinKey: gtin.kind === "gtin" ? gtin.key : null,
      skuKey: key.length >= MIN_KEY_LENGTH && key.length <= 40 ? key : null,
    });
  }
  return { barcodes, damaged };
}

/**
 * The SKUs of the photo's scope that its printed text and barcodes name, scored (lib/ai/text/
 * candidates/score-text-candidates.ts), best first, at most ANALYSIS_MAX_CANDIDATES. The products
 * are looked up by key (index on skuKey), folded key and EAN key (index on vitrine_gtin_key).
 */
export async function findTextCandidates(
  image: { collectionId: string | null; brandId: string | null },
  reading: TextReading,
  db: Db = getPrisma(),
): Promise<{ candidates: TextCandidate[]; damagedCodes: { format: string; text: string }[] }> {
  const tokens = extractSkuTokens(reading);
  const { barcodes, damaged } = barcodeEvidence(reading.codes);
  const scope = textScopeSql(image);
  const keys = [...new Set([...tokens.map((t) => t.key), ...barcodes.flatMap((b) => (b.skuKey ? [b.skuKey] : []))])];
  const folded = [...new Set(tokens.map((t) => t.folded))];
  const gtins = [...new Set(barcodes.flatMap((b) => (b.gtinKey ? [b.gtinKey] : [])))];
  if (!scope || (keys.length === 0 && gtins.length === 0)) return { candidates: [], damagedCodes: damaged };
  // Three indexed lookups (skuKey, its folded form, the EAN key: text_candidates migration), each
  // within the scope; one OR would walk the whole scope.
  const products = await db.$queryRaw<ScopeProduct[]>`
    SELECT p."id"::text AS id, p."sku", p."skuKey", vitrine_gtin_key(p."extra" ->> 'ean') AS "eanKey"
    FROM "Product" p
    WHERE p."id" IN (
      SELECT p."id" FROM "Product" p WHERE ${scope} AND p."skuKey" = ANY(${keys}::text[])
      UNION SELECT p."id" FROM "Product" p WHERE ${scope} AND translate(p."skuKey", 'OQIL', '0011') = ANY(${folded}::text[])
      UNION SELECT p."id" FROM "Product" p WHERE ${scope} AND vitrine_gtin_key(p."extra" ->> 'ean') = ANY(${gtins}::text[]))
    ORDER BY p."sku"
    LIMIT ${PRODUCT_LIMIT}`;
  const candidates = scoreTextCandidates({
    tokens,
    barcodes,
    products,
    limit: getEnv().ANALYSIS_MAX_CANDIDATES,
    fold: foldOcrConfusions,
  });
  return { candidates, damagedCodes: damaged };
}
