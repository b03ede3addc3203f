import "server-only";
import { getPrisma } from "@/lib/db/client";
import {
  listReconciliationQueue,
  QUEUE_ITEM_SELECT,
  QUEUE_STATUSES,
  toQueueItem,
  type QueueItem,
} from "./list-reconciliation-queue";
import type { ReconciliationQueueQuery } from "./schemas";

/**
 * What became of the photo the link asked for: `selected` (it is in the items, to select first),
 * `decided` (linked or marked "sem SKU" since), `not-found` (no such photo, or not in these filters,
 * or not read yet).
 */
export type QueueFocus = { state: "selected"; imageId: string } | { state: "decided" } | { state: "not-found" };

type OpenQuery = Omit<ReconciliationQueueQuery, "cursor"> & { imageId?: string };

/**
 * The first page of the Conciliação queue, opened at one photo when `imageId` is given: a photo
 * beyond the first page goes first, so the link lands on it; the pages loaded next skip it.
 */
export async function openReconciliationQueue(
  query: OpenQuery,
): Promise<{ items: QueueItem[]; nextCursor: string | null; focus: QueueFocus | null }> {
  const { imageId, ...filters } = query;
  const [page, image] = await Promise.all([
    listReconciliationQueue(filters),
    imageId ? getPrisma().image.findUnique({ where: { id: imageId }, select: QUEUE_ITEM_SELECT }) : null,
  ]);
  if (!imageId) return { ...page, focus: null };
  const isInFilters =
    image !== null &&
    (!filters.batchId || image.batchId === filters.batchId) &&
    (!filters.collectionId || image.collectionId === filters.collectionId);
  if (!image || !isInFilters) return { ...page, focus: { state: "not-found" } };
  if (!QUEUE_STATUSES.includes(image.matchStatus))
    return { ...page, focus: { state: image.matchStatus === "PENDING" ? "not-found" : "decided" } };
  const items = page.items.some((item) => item.id === image.id) ? page.items : [toQueueItem(image), ...page.items];
  return { items, nextCursor: page.nextCursor, focus: { state: "selected", imageId: image.id } };
}
