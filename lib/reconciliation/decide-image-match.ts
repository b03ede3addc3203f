import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, type MatchStatus } from "@/lib/db/client";
import type { MatchDecision } from "./schemas";

/** Photos a "same sku_base" decision may also settle: only those nobody decided and that are not linked. */
const OPEN_STATUSES: MatchStatus[] = ["UNMATCHED", "AMBIGUOUS"];

/**
 * A person's decision for a photo: link it to a product (MANUAL) or mark it "sem SKU" (NO_SKU).
 * With `applyToSkuBase`, the same decision settles every UNMATCHED/AMBIGUOUS photo with the same
 * sku_base in the same collection. Decisions record who/when, are audited per photo, and are never
 * overridden by automatic matching (matchImageToCarteira skips MANUAL/NO_SKU).
 */
export async function decideImageMatch(actor: SessionUser, imageId: string, decision: MatchDecision) {
  const prisma = getPrisma();
  const image = await prisma.image.findUnique({
    where: { id: imageId },
    select: { id: true, skuBase: true, collectionId: true },
  });
  if (!image) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const productId = "productId" in decision ? decision.productId : null;
  const product = productId
    ? await prisma.product.findUnique({ where: { id: productId }, select: { id: true, sku: true } })
    : null;
  if (productId && !product) throw new ApiError("NOT_FOUND", "Produto não encontrado.");
  const to: MatchStatus = product ? "MANUAL" : "NO_SKU";

  return prisma.$transaction(async (tx) => {
    const siblings =
      decision.applyToSkuBase && image.skuBase
        ? await tx.image.findMany({
            where: {
              skuBase: image.skuBase,
              collectionId: image.collectionId,
              matchStatus: { in: OPEN_STATUSES },
              id: { not: image.id },
            },
            select: { id: true, matchStatus: true, productId: true },
          })
        : [];
    const self = await tx.image.findUniqueOrThrow({
      where: { id: image.id },
      select: { id: true, matchStatus: true, productId: true },
    });
    const targets = [self, ...siblings];
    const now = new Date();
    await tx.image.updateMany({
      where: { id: { in: targets.map((t) => t.id) } },
      data: {
        productId: product?.id ?? null,
        matchStatus: to,
        matchScore: null,
        matchDecidedById: actor.id,
        matchDecidedAt: now,
      },
    });
    await tx.auditLog.createMany({
      data: targets.map((t) => ({
        userId: actor.id,
        action: "IMAGE_MATCH_DECIDED",
        entityType: "Image",
        entityId: t.id,
        data: {
          from: { matchStatus: t.matchStatus, productId: t.productId },
          to: { matchStatus: to, productId: product?.id ?? null, sku: product?.sku ?? null },
          viaImageId: t.id === image.id ? null : image.id,
        },
      })),
    });
    return {
      matchStatus: to,
      productId: product?.id ?? null,
      sku: product?.sku ?? null,
      imageIds: targets.map((t) => t.id),
    };
  });
}
