import "server-only";
import { ApiError } from "@/lib/api/errors";
import {
  getPrisma,
  type ImageStatus,
  type MatchStatus,
  type ProcessingStatus,
  type SkuHistoryAction,
} from "@/lib/db/client";

export type ProductPhoto = {
  id: string;
  originalName: string;
  sequence: string | null;
  status: ImageStatus;
  matchStatus: MatchStatus;
  /** READY photos have a thumbnail; FAILED ones are shown as failed (with the reason), never as an image. */
  processingStatus: ProcessingStatus;
  processingError: string | null;
  /** Why it failed, as a code of lib/errors/error-codes.ts (the UI shows it localised; the text is pt-BR). */
  processingErrorCode: string | null;
  collectionId: string | null;
  isOtherCollection: boolean;
};

export type ProductHistoryEntry = {
  id: string;
  action: SkuHistoryAction;
  sku: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  userName: string | null;
  createdAt: Date;
};

export type ProductDetail = Awaited<ReturnType<typeof getProductOrThrow>>;

const HISTORY_LIMIT = 200;

/** A product with its carteira fields, linked photos (grouped by sequence) and SKU history. */
export async function getProductOrThrow(id: string) {
  const prisma = getPrisma();
  const product = await prisma.product.findUnique({
    where: { id },
    include: { brand: { select: { id: true, name: true } }, collection: { select: { id: true, name: true } } },
  });
  if (!product) throw new ApiError("NOT_FOUND", "Produto não encontrado.");
  const [images, history] = await Promise.all([
    prisma.image.findMany({
      where: { productId: id },
      orderBy: [{ sequence: "asc" }, { id: "asc" }],
      select: {
        id: true,
        originalName: true,
        sequence: true,
        status: true,
        matchStatus: true,
        processingStatus: true,
        processingError: true,
        processingErrorCode: true,
        collectionId: true,
      },
    }),
    prisma.skuHistory.findMany({
      where: { productId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      include: { user: { select: { name: true, email: true } } },
    }),
  ]);
  const photos: ProductPhoto[] = images.map((i) => ({
    ...i,
    isOtherCollection: product.collectionId != null && i.collectionId !== product.collectionId,
  }));
  return {
    id: product.id,
    sku: product.sku,
    nomePeca: product.nomePeca,
    categoria: product.categoria,
    subcategoria: product.subcategoria,
    tipoPeca: product.tipoPeca,
    origem: product.origem,
    cor: product.cor,
    extra: product.extra,
    brand: product.brand,
    collection: product.collection,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    photoGroups: groupBySequence(photos),
    // "Fotos" are the processed ones; failed or pending photos are listed, counted apart.
    photoCount: photos.filter((p) => p.processingStatus === "READY").length,
    failedPhotoCount: photos.filter((p) => p.processingStatus === "FAILED").length,
    history: history.map<ProductHistoryEntry>((h) => ({
      id: h.id,
      action: h.action,
      sku: h.sku,
      field: h.field,
      oldValue: h.oldValue,
      newValue: h.newValue,
      userName: h.user?.name ?? h.user?.email ?? null,
      createdAt: h.createdAt,
    })),
  };
}

/** Photos of one product by sequence (angle); photos without a sequence form one group keyed "". */
export function groupBySequence<T extends { sequence: string | null }>(
  photos: T[],
): { sequence: string; photos: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const photo of photos) {
    const key = photo.sequence ?? "";
    const list = groups.get(key);
    if (list) list.push(photo);
    else groups.set(key, [photo]);
  }
  return [...groups.entries()].map(([sequence, list]) => ({ sequence, photos: list }));
}
