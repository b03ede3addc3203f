import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";

/**
 * Brand + collection of a product kept consistent: a collection implies its brand, and a brand
 * that contradicts the collection is refused (the coverage report groups by collection).
 */
export async function resolveProductScope(brandId: string | null | undefined, collectionId: string | null | undefined) {
  if (collectionId) {
    const collection = await getPrisma().collection.findUnique({
      where: { id: collectionId },
      select: { brandId: true },
    });
    if (!collection) throw new ApiError("NOT_FOUND", "Coleção não encontrada.");
    if (brandId && brandId !== collection.brandId)
      throw new ApiError("VALIDATION_FAILED", "A coleção não pertence a essa marca.");
    return { brandId: collection.brandId, collectionId };
  }
  if (brandId) {
    const brand = await getPrisma().brand.findUnique({ where: { id: brandId }, select: { id: true } });
    if (!brand) throw new ApiError("NOT_FOUND", "Marca não encontrada.");
  }
  return { brandId: brandId ?? null, collectionId: collectionId ?? null };
}
