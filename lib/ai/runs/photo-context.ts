import { visionFieldsOf, type AiField } from "@/lib/ai/fields";
import { collectionVocabulary } from "@/lib/ai/matching/vocabulary";
import type { VisionContext } from "@/lib/ai/provider/types";
import { getPrisma } from "@/lib/db/client";

/** A photo of a run as its analysis needs it: the original's key, the ingest facts, its product's carteira. */
export async function loadPhotoForAnalysis(imageId: string) {
  return getPrisma().image.findUnique({
    where: { id: imageId },
    select: {
      storageKey: true,
      originalName: true,
      relativePath: true,
      skuBase: true,
      collectionId: true,
      dominantColors: true,
      width: true,
      height: true,
      product: {
        select: {
          sku: true,
          nomePeca: true,
          categoria: true,
          subcategoria: true,
          tipoPeca: true,
          cor: true,
          origem: true,
        },
      },
    },
  });
}
export type PhotoForAnalysis = NonNullable<Awaited<ReturnType<typeof loadPhotoForAnalysis>>>;

/**
 * What the prompt is told about the photo (live calls and batch lines alike): its names, its
 * product's carteira fields ("contextualized analysis") and the collection's own vocabulary. Every
 * value is data for the provider's prompt, never instructions (lib/ai/provider/prompt.ts).
 */
export async function visionContextOf(photo: PhotoForAnalysis, fields: AiField[]): Promise<VisionContext> {
  const { product } = photo;
  return {
    fileName: photo.originalName,
    relativePath: photo.relativePath,
    sku: product?.sku ?? photo.skuBase,
    carteira: product
      ? {
          nomePeca: product.nomePeca,
          categoria: product.categoria,
          subcategoria: product.subcategoria,
          tipoPeca: product.tipoPeca,
          cor: product.cor,
          origem: product.origem,
        }
      : null,
    vocabulary: await collectionVocabulary(photo.collectionId),
    fields: visionFieldsOf(fields),
    language: "pt-BR",
  };
}
