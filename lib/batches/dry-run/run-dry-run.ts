import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getSkuIndexForScope } from "@/lib/catalog/sku-scope-index";
import { getPrisma, Prisma } from "@/lib/db/client";
import { matchStoredName } from "@/lib/images/match-image-to-carteira";
import { sanitizeFileName, sanitizeRelativePath } from "@/lib/images/sanitize-upload-name";
import { hasProcessedPhoto } from "@/lib/reports/coverage";
import { getUploadTargetOrThrow } from "../get-upload-target";
import {
  classifyDryRunName,
  coveredSkusOf,
  dryRunTotals,
  entryInput,
  nameSizeKey,
  type DryRunEntry,
  type InBankHit,
} from "./classify-dry-run";
import { DRY_RUN_MAX_NAMES, DRY_RUN_WITHOUT_PHOTO_LIST, type DryRunRequest, type DryRunResult } from "./schemas";

/**
 * What uploading these names into the batch would do, before a byte is sent: each name through the
 * matcher ingestion links photos with (same scope, same sanitising, `matchStoredName`), files already
 * in the bank (sha256 when given, else the same stored name and size), and the batch collection's
 * SKUs that would still have no photo. Writes nothing.
 */
export async function runDryRun(batchId: string, request: DryRunRequest): Promise<DryRunResult> {
  if (request.names.length > DRY_RUN_MAX_NAMES)
    throw new ApiError("DRY_RUN_TOO_MANY_NAMES", `No máximo ${DRY_RUN_MAX_NAMES} nomes por requisição.`, {
      max: DRY_RUN_MAX_NAMES,
    });
  const batch = await getUploadTargetOrThrow(batchId);
  const entries: DryRunEntry[] = request.names.map((raw) => {
    const input = entryInput(raw);
    const relativePath = sanitizeRelativePath(input.name);
    return { ...input, relativePath, storedName: sanitizeFileName(relativePath ?? input.name) };
  });

  const scope = await getSkuIndexForScope({ collectionId: batch.collectionId, brandId: batch.brandId });
  const inBank = await findInBank(entries);
  const results = entries.map((entry, i) =>
    classifyDryRunName(
      entry,
      scope ? matchStoredName(scope.index, entry.storedName, entry.relativePath) : null,
      inBank[i] ?? null,
    ),
  );
  const withoutPhoto = batch.collectionId
    ? await skusWithoutPhoto(batch.collectionId, coveredSkusOf(results, request.coveredSkus))
    : { before: 0, remaining: 0, first: [] };
  return { batchId: batch.id, collectionId: batch.collectionId, results, totals: dryRunTotals(results), withoutPhoto };
}

/** Per entry, the photo already in the bank: by sha256 first, then by the same stored name and size. */
async function findInBank(entries: readonly DryRunEntry[]): Promise<Array<InBankHit | null>> {
  const prisma = getPrisma();
  const shas = [...new Set(entries.flatMap((e) => (e.sha256 ? [e.sha256] : [])))];
  const bySha = new Map<string, string>();
  if (shas.length > 0) {
    const rows = await prisma.$queryRaw<{ id: string; sha256: string }[]>`
      SELECT i.id::text AS id, i.sha256 FROM "Image" i WHERE i.sha256 = ANY(${shas}::text[])`;
    for (const row of rows) bySha.set(row.sha256, row.id);
  }
  const pairs = new Map<string, { name: string; size: number }>();
  for (const e of entries)
    if (e.size !== null && !(e.sha256 && bySha.has(e.sha256)))
      pairs.set(nameSizeKey(e.storedName, e.size), { name: e.storedName, size: e.size });
  const byNameSize = new Map<string, string>();
  if (pairs.size > 0) {
    const names = [...pairs.values()].map((p) => p.name);
    const sizes = [...pairs.values()].map((p) => String(p.size));
    // Index "Image"("originalName", id) answers each pair; the first photo (oldest id) represents it.
    const rows = await prisma.$queryRaw<{ id: string; name: string; bytes: string }[]>`
      SELECT DISTINCT ON (q.n, q.b) i.id::text AS id, q.n AS name, q.b::text AS bytes
      FROM unnest(${names}::text[], ${sizes}::bigint[]) AS q(n, b)
      JOIN "Image" i ON i."originalName" = q.n AND i.bytes = q.b
      ORDER BY q.n, q.b, i.id`;
    for (const row of rows) byNameSize.set(nameSizeKey(row.name, Number(row.bytes)), row.id);
  }
  return entries.map((e) => {
    const sha = e.sha256 ? bySha.get(e.sha256) : undefined;
    if (sha) return { imageId: sha, by: "sha256" };
    const named = e.size !== null ? byNameSize.get(nameSizeKey(e.storedName, e.size)) : undefined;
    return named ? { imageId: named, by: "name_size" } : null;
  });
}

/** The collection's SKUs with no processed photo (the "SKUs sem foto" rule), before and after `covered`. */
async function skusWithoutPhoto(collectionId: string, covered: string[]): Promise<DryRunResult["withoutPhoto"]> {
  const [row] = await getPrisma().$queryRaw<{ before: number; remaining: number; first: string[] }[]>(Prisma.sql`
    WITH missing AS MATERIALIZED (
      SELECT p.sku FROM "Product" p WHERE p."collectionId" = ${collectionId}::uuid AND NOT ${hasProcessedPhoto}
    ), remaining AS MATERIALIZED (
      SELECT m.sku FROM missing m
      WHERE NOT EXISTS (SELECT 1 FROM unnest(${covered}::text[]) AS c(sku) WHERE c.sku = m.sku)
    )
    SELECT (SELECT count(*) FROM missing)::int AS before, (SELECT count(*) FROM remaining)::int AS remaining,
           ARRAY(SELECT r.sku FROM remaining r ORDER BY r.sku LIMIT ${DRY_RUN_WITHOUT_PHOTO_LIST}) AS first`);
  return { before: row?.before ?? 0, remaining: row?.remaining ?? 0, first: row?.first ?? [] };
}
