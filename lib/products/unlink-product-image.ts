import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";

/**
 * Removes a photo from its product. The photo goes to the Conciliação queue (UNMATCHED), where a
 * person picks the right SKU or marks it "sem SKU"; both of those decisions stick.
 */
export async function unlinkProductImage(actor: SessionUser, productId: string, imageId: string): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    const result = await tx.image.updateMany({
      where: { id: imageId, productId },
      data: {
        productId: null,
        matchStatus: "UNMATCHED",
        matchScore: null,
        matchDecidedById: actor.id,
        matchDecidedAt: new Date(),
      },
    });
    if (result.count === 0) throw new ApiError("NOT_FOUND", "Foto não vinculada a este produto.");
    await recordAudit(
      { userId: actor.id, action: "IMAGE_UNLINKED", entityType: "Image", entityId: imageId, data: { productId } },
      tx,
    );
  });
}
