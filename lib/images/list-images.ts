import type { z } from "zod";
import { getPrisma, Prisma } from "@/lib/db/client";
import type { imageListQuerySchema } from "@/lib/batches/schemas";

const imageSelect = {
  id: true,
  batchId: true,
  collectionId: true,
  brandId: true,
  originalName: true,
  relativePath: true,
  contentType: true,
  bytes: true,
  width: true,
  height: true,
  format: true,
  sha256: true,
  perceptualHash: true,
  dominantColors: true,
  thumbnailKey: true,
  skuBase: true,
  sequence: true,
  matchStatus: true,
  matchScore: true,
  status: true,
  processingStatus: true,
  processingError: true,
  processingErrorCode: true,
  aiTitle: true,
  aiDescription: true,
  aiTags: true,
  aiColor: true,
  aiMaterial: true,
  createdAt: true,
  processedAt: true,
  product: { select: { id: true, sku: true, nomePeca: true, categoria: true, subcategoria: true, tipoPeca: true, origem: true, cor: true } },
} satisfies Prisma.ImageSelect;

type ImageRow = Prisma.ImageGetPayload<{ select: typeof imageSelect }>;

export function presentImage(image: ImageRow, isDuplicate = false) {
  const { product, thumbnailKey, bytes, ...rest } = image;
  return {
    ...rest,
    bytes: Number(bytes),
    createdAt: image.createdAt.toISOString(),
    processedAt: image.processedAt?.toISOString() ?? null,
    isDuplicate,
    sku: product?.sku ?? null,
    productId: product?.id ?? null,
    carteira: product
      ? { nomePeca: product.nomePeca, categoria: product.categoria, subcategoria: product.subcategoria, tipoPeca: product.tipoPeca, origem: product.origem, cor: product.cor }
      : null,
    thumbnailUrl: thumbnailKey ? `/api/v1/images/${image.id}/thumbnail` : null,
    originalUrl: `/api/v1/images/${image.id}/original`,
  };
}

/**
 * Images with their SKU and carteira fields; keyset pagination by id (time-ordered UUIDv7, so
 * arrival order). With `batchId`, every image the batch received is listed once, including the
 * ones whose bytes were already in the bank (`isDuplicate`); the duplicate files themselves are
 * reported by the batch detail (`getBatchOrThrow`), not as repeated images.
 */
export async function listImages(query: z.infer<typeof imageListQuerySchema>) {
  const where: Prisma.ImageWhereInput = {
    collectionId: query.collectionId,
    matchStatus: query.matchStatus,
    status: query.status,
    processingStatus: query.processingStatus,
    ...(query.sku ? { OR: [{ product: { sku: query.sku } }, { skuBase: query.sku }] } : {}),
    ...(query.batchId ? { uploads: { some: { batchId: query.batchId } } } : {}),
    ...(query.cursor ? { id: { gt: query.cursor } } : {}),
  };
  const images = await getPrisma().image.findMany({ where, orderBy: { id: "asc" }, take: query.limit + 1, select: imageSelect });
  const page = images.slice(0, query.limit);
  // Received by this batch but first stored by another: the batch's upload of it was a duplicate.
  return {
    items: page.map((i) => presentImage(i, query.batchId !== undefined && i.batchId !== query.batchId)),
    nextCursor: images.length > query.limit ? page[page.length - 1]!.id : null,
  };
}
