import "server-only";
import type { SessionUser } from "@/lib/auth/roles";
import { getEnv } from "@/lib/config/env";
import { getPrisma, Prisma } from "@/lib/db/client";
import { QUEUE_STATUSES } from "./list-reconciliation-queue";
import type { ValidateAboveThresholdInput } from "./schemas";

const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

type Picked = { imageId: string; productId: string; sku: string; fromMatchStatus: string };

/**
 * The photos of the Conciliação queue (UNMATCHED/AMBIGUOUS, no product; the filter's batch and
 * collection) with exactly one text/barcode candidate (ImageTextCandidate) at or above
 * ANALYSIS_CONFIDENCE_THRESHOLD, and that candidate. Two SKUs above it (a tag and a barcode that
 * disagree) leave the photo to a person.
 */
function pickedSql(filters: ValidateAboveThresholdInput, threshold: number): Prisma.Sql {
  const statuses = Prisma.join(QUEUE_STATUSES.map((s) => Prisma.sql`${s}::"MatchStatus"`));
  return Prisma.sql`
    SELECT c."imageId"::text AS "imageId", (array_agg(c."productId"::text))[1] AS "productId",
           (array_agg(p."sku"))[1] AS sku, (array_agg(i."matchStatus"::text))[1] AS "fromMatchStatus"
    FROM "ImageTextCandidate" c
    JOIN "Image" i ON i.id = c."imageId"
    JOIN "Product" p ON p.id = c."productId"
    WHERE c."score" >= ${threshold}
      AND i."matchStatus" IN (${statuses}) AND i."productId" IS NULL
      ${filters.batchId ? Prisma.sql`AND i."batchId" = ${filters.batchId}::uuid` : Prisma.empty}
      ${filters.collectionId ? Prisma.sql`AND i."collectionId" = ${filters.collectionId}::uuid` : Prisma.empty}
    GROUP BY c."imageId"
    HAVING count(*) = 1
    ORDER BY c."imageId"`;
}

/**
 * "Validar todos acima do limite": each photo of the queue filter whose text/barcode candidate is
 * above the threshold (pickedSql) is linked to it as a person's decision in Conciliação is
 * (MANUAL — automatic matching never overrides it —, decided by the actor, audited
 * IMAGE_MATCH_DECIDED per photo with `via: "text_threshold"`), in one transaction. With `dryRun`,
 * only counts. The caller checks the role (EDITOR).
 */
export async function validateAboveThreshold(
  actor: SessionUser,
  input: ValidateAboveThresholdInput,
): Promise<{ count: number; threshold: number; imageIds: string[] }> {
  const threshold = getEnv().ANALYSIS_CONFIDENCE_THRESHOLD;
  const prisma = getPrisma();
  if (input.dryRun) {
    const rows = await prisma.$queryRaw<Picked[]>(pickedSql(input, threshold));
    return { count: rows.length, threshold, imageIds: rows.map((r) => r.imageId) };
  }
  return prisma.$transaction(
    async (tx) => {
      const picked = await tx.$queryRaw<Picked[]>(pickedSql(input, threshold));
      if (picked.length === 0) return { count: 0, threshold, imageIds: [] };
      const statuses = Prisma.join(QUEUE_STATUSES.map((s) => Prisma.sql`${s}::"MatchStatus"`));
      // Re-checked in the UPDATE: a photo a person decided meanwhile is left as they decided.
      const updated = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Image" i SET "productId" = v.pid, "matchStatus" = 'MANUAL', "matchScore" = NULL,
          "matchDecidedById" = ${actor.id}::uuid, "matchDecidedAt" = ${NOW_UTC}, "updatedAt" = ${NOW_UTC}
        FROM unnest(${picked.map((p) => p.imageId)}::uuid[], ${picked.map((p) => p.productId)}::uuid[]) AS v(id, pid)
        WHERE i.id = v.id AND i."productId" IS NULL AND i."matchStatus" IN (${statuses})
        RETURNING i.id::text AS id`;
      const done = new Set(updated.map((u) => u.id));
      const linked = picked.filter((p) => done.has(p.imageId));
      await tx.auditLog.createMany({
        data: linked.map((p) => ({
          userId: actor.id,
          action: "IMAGE_MATCH_DECIDED",
          entityType: "Image",
          entityId: p.imageId,
          data: {
            from: { matchStatus: p.fromMatchStatus, productId: null },
            to: { matchStatus: "MANUAL", productId: p.productId, sku: p.sku },
            viaImageId: null,
            via: "text_threshold",
            threshold,
          },
        })),
      });
      return { count: linked.length, threshold, imageIds: linked.map((p) => p.imageId) };
    },
    { timeout: 120_000 },
  );
}
