import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { imageSelect, presentImage } from "./list-images";
import type { imageDetailSchema } from "./schemas";

type ImageDetail = z.infer<typeof imageDetailSchema>;

const SIBLING_LIMIT = 100;
const AUDIT_LIMIT = 100;

const detailSelect = {
  ...imageSelect,
  orientation: true,
  thumbnailBytes: true,
  aiHashtags: true,
  aiKeyPoints: true,
  aiOcrText: true,
  updatedAt: true,
  batch: { select: { id: true, name: true } },
  brand: { select: { id: true, name: true } },
  collection: { select: { id: true, name: true } },
} satisfies Prisma.ImageSelect;

/**
 * One photo with every field: file facts, the carteira fields of its product, the AI / editorial
 * fields, its batch, its siblings (the other angles of the same product, or of the same sku_base
 * when unlinked) and its audit trail, newest first.
 */
export async function getImageDetailOrThrow(id: string): Promise<ImageDetail> {
  const prisma = getPrisma();
  const image = await prisma.image.findUnique({ where: { id }, select: detailSelect });
  if (!image) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const siblingScope: Prisma.ImageWhereInput | null = image.product
    ? { productId: image.product.id }
    : image.skuBase
      ? { skuBase: image.skuBase, productId: null }
      : null;
  const [siblings, audit] = await Promise.all([
    siblingScope
      ? prisma.image.findMany({
          where: { ...siblingScope, id: { not: id } },
          orderBy: [{ sequence: { sort: "asc", nulls: "last" } }, { id: "asc" }],
          take: SIBLING_LIMIT,
          select: { id: true, originalName: true, sequence: true, status: true, thumbnailKey: true },
        })
      : [],
    prisma.auditLog.findMany({
      where: { entityType: "Image", entityId: id },
      orderBy: { id: "desc" },
      take: AUDIT_LIMIT,
      select: { id: true, action: true, data: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
  ]);
  const { batch, brand, collection, orientation, thumbnailBytes, aiHashtags, aiKeyPoints, aiOcrText } = image;
  return {
    ...presentImage(image),
    orientation,
    thumbnailBytes,
    aiHashtags,
    aiKeyPoints,
    aiOcrText,
    updatedAt: image.updatedAt.toISOString(),
    batch,
    brand,
    collection,
    siblings: siblings.map((s) => ({
      id: s.id,
      originalName: s.originalName,
      sequence: s.sequence,
      status: s.status,
      thumbnailUrl: s.thumbnailKey ? `/api/v1/images/${s.id}/thumbnail` : null,
    })),
    audit: audit.map((entry) => ({
      id: entry.id.toString(),
      action: entry.action,
      userName: entry.user ? (entry.user.name ?? entry.user.email) : null,
      data: entry.data,
      createdAt: entry.createdAt.toISOString(),
    })),
  };
}
