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
 * The image counts come from ImageCount, kept by triggers on every write to "Image" (image_counts
 * migration): a few hundred rows to sum instead of a million images to count.
 */
export async function getDashboardCounts(): Promise<DashboardCounts> {
  const prisma = getPrisma();
  const [imageCounts, products, brands, collections, batches, batchesActive] = await Promise.all([
    prisma.imageCount.groupBy({
      by: ["processingStatus", "status", "matchStatus"],
      _sum: { n: true },
    }),
    prisma.product.count(),
    prisma.brand.count(),
    prisma.collection.count(),
    // Soft-deleted batches are hidden until purged (their photos still count: they stay in the catalog).
    prisma.batch.count({ where: { deletedAt: null } }),
    prisma.batch.count({ where: { deletedAt: null, status: { in: [...IN_PROGRESS] } } }),
  ]);
  const sumOf = (keep: (row: (typeof imageCounts)[number]) => boolean) =>
    imageCounts.filter(keep).reduce((sum, row) => sum + Number(row._sum.n ?? 0), 0);
  const reviewCountOf = (status: string) => sumOf((row) => row.processingStatus === "READY" && row.status === status);
  const processingCountOf = (...statuses: string[]) => sumOf((row) => statuses.includes(row.processingStatus));
  return {
    images: processingCountOf("READY"),
    imagesPending: reviewCountOf("PENDENTE"),
    imagesApproved: reviewCountOf("APROVADO"),
    imagesRejected: reviewCountOf("REJEITADO"),
    imagesUnmatched: sumOf((row) => row.matchStatus === "UNMATCHED" || row.matchStatus === "AMBIGUOUS"),
    imagesFailed: processingCountOf("FAILED"),
    imagesInProgress: processingCountOf("UPLOADED", "QUEUED", "PROCESSING"),
    products,
    brands,
    collections,
    batches,
    batchesActive,
  };
}
