import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";

/**
 * Deletes a product. Its photos are unlinked and go back to UNMATCHED (not MANUAL: nobody
 * decided anything about them, so the Conciliação queue and the next reconciliation see them).
 * The SKU history keeps a DELETE row (its productId becomes null with the product).
 */
export async function deleteProduct(actor: SessionUser, productId: string): Promise<{ unlinkedImages: number }> {
  return getPrisma().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: productId }, select: { id: true, sku: true } });
    if (!product) throw new ApiError("NOT_FOUND", "Produto não encontrado.");
    const unlinked = await tx.image.updateMany({
      where: { productId },
      data: {
        productId: null,
        matchStatus: "UNMATCHED",
        matchScore: null,
        matchDecidedById: null,
        matchDecidedAt: null,
      },
    });
    await tx.imageItem.updateMany({ where: { productId }, data: { productId: null } });
    await tx.skuHistory.create({
      data: { productId, sku: product.sku, action: "DELETE", userId: actor.id, oldValue: product.sku },
    });
    await tx.product.delete({ where: { id: productId } });
    await recordAudit(
      {
        userId: actor.id,
        action: "PRODUCT_DELETED",
        entityType: "Product",
        entityId: productId,
        data: { sku: product.sku, unlinkedImages: unlinked.count },
      },
      tx,
    );
    return { unlinkedImages: unlinked.count };
  });
}
