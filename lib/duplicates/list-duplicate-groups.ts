import "server-only";
import type { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { DuplicateGroupsQuery, duplicateGroupPageSchema, duplicateMemberSchema } from "./schemas";

type DuplicateGroupPage = z.infer<typeof duplicateGroupPageSchema>;
type DuplicateMember = z.infer<typeof duplicateMemberSchema>;

/** A member matches the filters: the group shows when any of its photos is in the collection / batch / brand. */
function memberMatches(query: DuplicateGroupsQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.collectionId) conditions.push(Prisma.sql`m."collectionId" = ${query.collectionId}::uuid`);
  if (query.batchId) conditions.push(Prisma.sql`m."batchId" = ${query.batchId}::uuid`);
  if (query.brandId) conditions.push(Prisma.sql`m."brandId" = ${query.brandId}::uuid`);
  if (conditions.length === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Image" m WHERE m."id" IN (p."aId", p."bId") AND ${Prisma.join(conditions, " AND ")})`;
}

/**
 * Review groups of possible duplicates: a group is a photo and its open near matches, anchored at
 * a photo that is the first (smaller id) of an open pair and the second of none, so each open pair
 * shows in exactly one group at a time (a chain A–B–C shows A+B, then B+C once A+B is decided).
 * Paged by the anchor's id (keyset on the open-pairs index). Decided pairs never show again.
 */
export async function listDuplicateGroups(query: DuplicateGroupsQuery): Promise<DuplicateGroupPage> {
  const prisma = getPrisma();
  const after = query.cursor ? Prisma.sql`AND p."aId" > ${query.cursor}::uuid` : Prisma.empty;
  const anchors = await prisma.$queryRaw<{ id: string }[]>`
    SELECT p."aId"::text AS "id" FROM "ImageDuplicatePair" p
    WHERE p."status" = 'OPEN' ${after}
      AND NOT EXISTS (SELECT 1 FROM "ImageDuplicatePair" q WHERE q."status" = 'OPEN' AND q."bId" = p."aId")
      AND ${memberMatches(query)}
    GROUP BY p."aId" ORDER BY p."aId" LIMIT ${query.limit + 1}`;
  const page = anchors.slice(0, query.limit).map((a) => a.id);
  const nextCursor = anchors.length > query.limit ? page[page.length - 1]! : null;
  if (page.length === 0) return { groups: [], nextCursor: null };
  const pairs = await prisma.imageDuplicatePair.findMany({
    where: { status: "OPEN", aId: { in: page } },
    select: { aId: true, bId: true, distance: true },
    orderBy: [{ aId: "asc" }, { distance: "asc" }, { bId: "asc" }],
  });
  const ids = [...new Set([...page, ...pairs.map((p) => p.bId)])];
  const images = await prisma.image.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      thumbnailKey: true,
      originalName: true,
      width: true,
      height: true,
      bytes: true,
      format: true,
      skuBase: true,
      sequence: true,
      status: true,
      collectionId: true,
      createdAt: true,
      batch: { select: { id: true, name: true } },
      product: { select: { sku: true } },
    },
  });
  const byId = new Map(images.map((image) => [image.id, image]));
  const member = (id: string, distance: number): DuplicateMember | null => {
    const image = byId.get(id);
    if (!image) return null;
    const { thumbnailKey, bytes, product, createdAt, ...rest } = image;
    return {
      ...rest,
      thumbnailUrl: thumbnailKey ? `/api/v1/images/${id}/thumbnail` : null,
      originalUrl: `/api/v1/images/${id}/original`,
      bytes: Number(bytes),
      sku: product?.sku ?? null,
      createdAt: createdAt.toISOString(),
      distance,
    };
  };
  const groups = page.flatMap((anchorId) => {
    const members = [
      member(anchorId, 0),
      ...pairs.filter((p) => p.aId === anchorId).map((p) => member(p.bId, p.distance)),
    ].filter((m): m is DuplicateMember => m !== null);
    // A photo deleted between the two reads leaves a group of one: nothing to review.
    return members.length >= 2 ? [{ id: anchorId, members }] : [];
  });
  return { groups, nextCursor };
}
