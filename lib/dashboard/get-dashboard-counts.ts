import "server-only";
import { IN_PROGRESS } from "@/lib/batches/batch-lifecycle";
import { getPrisma } from "@/lib/db/client";

export type DashboardCounts = {
  images: number;
  imagesPending: number;
  imagesApproved: number;
  imagesRejected: number;
  imagesUnmatched: number;
  products: number;
  brands: number;
  collections: number;
  batches: number;
  batchesActive: number;
};

/**
 * Image counts are of photos that processed successfully: a failed or not yet processed upload is
 * no photo in the bank (the batch pages show those). Unmatched counts every photo awaiting a link.
 */
export async function getDashboardCounts(): Promise<DashboardCounts> {
  const prisma = getPrisma();
  const [images, byStatus, imagesUnmatched, products, brands, collections, batches, batchesActive] = await Promise.all([
    prisma.image.count({ where: { processingStatus: "READY" } }),
    prisma.image.groupBy({ by: ["status"], where: { processingStatus: "READY" }, _count: { _all: true } }),
    prisma.image.count({ where: { matchStatus: { in: ["UNMATCHED", "AMBIGUOUS"] } } }),
    prisma.product.count(),
    prisma.brand.count(),
    prisma.collection.count(),
    prisma.batch.count(),
    prisma.batch.count({ where: { status: { in: [...IN_PROGRESS] } } }),
  ]);
  const countOf = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    images,
    imagesPending: countOf("PENDENTE"),
    imagesApproved: countOf("APROVADO"),
    imagesRejected: countOf("REJEITADO"),
    imagesUnmatched,
    products,
    brands,
    collections,
    batches,
    batchesActive,
  };
}
