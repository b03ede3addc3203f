import "server-only";
import { ApiError } from "@/lib/api/errors";
import { sortByAngle } from "@/lib/catalog/sort-angles";
import { getPrisma } from "@/lib/db/client";
import {
  carteiraOf,
  carteiraSelect,
  imageVisualSelect,
  loadImageSource,
  visualOf,
  type ContentOwner,
  type OwnerSource,
} from "./content-source";

export type { ContentOwner, OwnerSource } from "./content-source";

/** A product's content is written from at most this many of its angles, in one request. */
export const PRODUCT_MAX_ANGLES = 4;

/** The owner's photos and facts, or NOT_FOUND; a product without a processed photo is AI_CONTENT_NO_PHOTO. */
export async function loadOwnerSource(owner: ContentOwner): Promise<OwnerSource> {
  if (owner.kind === "image") return loadImageSource(owner.id);
  const product = await getPrisma().product.findUnique({
    where: { id: owner.id },
    select: {
      ...carteiraSelect,
      brandId: true,
      brand: { select: { name: true } },
      images: {
        where: { processingStatus: "READY" },
        select: { id: true, storageKey: true, originalName: true, sequence: true, ...imageVisualSelect },
        orderBy: { id: "asc" },
        take: 200,
      },
    },
  });
  if (!product) throw new ApiError("NOT_FOUND", "Produto não encontrado.");
  // Up to four angles in the catalog's order (01, 02 …, FRENTE, COSTAS, LADO, DETALHE).
  const angles = sortByAngle(product.images).slice(0, PRODUCT_MAX_ANGLES);
  if (angles.length === 0)
    throw new ApiError("AI_CONTENT_NO_PHOTO", "Este produto não tem foto processada para gerar conteúdo.");
  return {
    brandId: product.brandId,
    photos: angles.map((a) => ({ id: a.id, storageKey: a.storageKey, originalName: a.originalName })),
    facts: {
      subject: "product",
      fileName: null,
      photos: angles.map((a) => a.originalName),
      sku: product.sku,
      brand: product.brand?.name ?? null,
      carteira: carteiraOf(product),
      visual: angles.map(visualOf).find((v) => v !== null) ?? null,
    },
  };
}
