import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { ContentContext } from "./content-prompt";

/** Whose content: one photo, or one product (a SKU and its angles). */
export type ContentOwner = { kind: "image"; id: string } | { kind: "product"; id: string };

/** What a content call needs of its owner: the photos to send, the prompt's facts, the brand. */
export type OwnerSource = {
  brandId: string | null;
  photos: { id: string; storageKey: string; originalName: string }[];
  facts: Pick<ContentContext, "subject" | "fileName" | "photos" | "sku" | "brand" | "carteira" | "visual">;
};

export const carteiraSelect = {
  sku: true,
  nomePeca: true,
  categoria: true,
  subcategoria: true,
  tipoPeca: true,
  cor: true,
  origem: true,
} as const;

type CarteiraRow = {
  nomePeca: string | null;
  categoria: string | null;
  subcategoria: string | null;
  tipoPeca: string | null;
  cor: string | null;
  origem: string | null;
};
export const carteiraOf = (p: CarteiraRow) => ({
  nomePeca: p.nomePeca,
  categoria: p.categoria,
  subcategoria: p.subcategoria,
  tipoPeca: p.tipoPeca,
  cor: p.cor,
  origem: p.origem,
});

export const imageVisualSelect = { aiDescription: true, aiColor: true, aiMaterial: true, aiStyle: true } as const;
type VisualRow = {
  aiDescription: string | null;
  aiColor: string | null;
  aiMaterial: string | null;
  aiStyle: string | null;
};
/** What the vision analysis saw (its *visual* description, colour, material, style), as context for the texts. */
export const visualOf = (row: VisualRow) =>
  row.aiDescription || row.aiColor || row.aiMaterial || row.aiStyle
    ? { descricao: row.aiDescription, cor: row.aiColor, material: row.aiMaterial, estilo: row.aiStyle }
    : null;

/** A photo's source: the photo itself, its product's carteira fields, its vision analysis; NOT_FOUND when gone. */
export async function loadImageSource(imageId: string): Promise<OwnerSource> {
  const image = await getPrisma().image.findUnique({
    where: { id: imageId },
    select: {
      id: true,
      storageKey: true,
      originalName: true,
      skuBase: true,
      brandId: true,
      brand: { select: { name: true } },
      product: { select: { ...carteiraSelect, brandId: true, brand: { select: { name: true } } } },
      ...imageVisualSelect,
    },
  });
  if (!image) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  return {
    brandId: image.brandId ?? image.product?.brandId ?? null,
    photos: [{ id: image.id, storageKey: image.storageKey, originalName: image.originalName }],
    facts: {
      subject: "photo",
      fileName: image.originalName,
      photos: [image.originalName],
      sku: image.product?.sku ?? image.skuBase,
      brand: image.brand?.name ?? image.product?.brand?.name ?? null,
      carteira: image.product ? carteiraOf(image.product) : null,
      visual: visualOf(image),
    },
  };
}
