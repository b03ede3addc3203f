import "server-only";
import { IN_PROGRESS } from "@/lib/batches/batch-lifecycle";
import { getPrisma } from "@/lib/db/client";

export type DashboardCounts = {
  images: number;
  imagesPending: number;
  imagesApproved: number;
  imagesRejected: number;
  imagesUnmatched: number;
  imagesFailed: number;
  imagesInProgress: number;
  products: number;
  brands: number;
  collections: number;
  batches: number;
  batchesActive: number;
};

/**
 * The review counts (pending, approved, rejected) are of photos that processed successfully: a
 * failed or not yet processed upload is no photo to review. Those two are counted apart
 * (`imagesFailed`, `imagesInProgress`), never as pending. Unmatched counts every photo awaiting a link.
 */
export async function getDashboardCounts(): Promise<DashboardCounts> {
  const prisma = getPrisma();
  const [byProcessing, byStatus, imagesUnmatched, products, brands, collections, batches, batchesActive] =
    await Promise.all([
      prisma.image.groupBy({ by: ["processingStatus"], _count: { _all: true } }),
      prisma.image.groupBy({ by: ["status"], where: { processingStatus: "READY" }, _count: { _all: true } }),
      prisma.image.count({ where: { matchStatus: { in: ["UNMATCHED", "AMBIGUOUS"] } } }),
      prisma.product.count(),
      prisma.brand.count(),
      prisma.collection.count(),
      prisma.batch.count(),
      prisma.batch.count({ where: { status: { in: [...IN_PROGRESS] } } }),
    ]);
  const countOf = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const processingCountOf = (...statuses: string[]) =>
    byProcessing
      .filter((row) => statuses.includes(row.processingStatus))
      .reduce((sum, row) => sum + row._count._all, 0);
  return {
    images: processingCountOf("READY"),
    imagesPending: countOf("PENDENTE"),
    imagesApproved: countOf("APROVADO"),
    imagesRejected: countOf("REJEITADO"),
    imagesUnmatched,
    imagesFailed: processingCountOf("FAILED"),
    imagesInProgress: processingCountOf("UPLOADED", "QUEUED", "PROCESSING"),
    products,
    brands,
    collections,
    batches,
    batchesActive,
  };
}
