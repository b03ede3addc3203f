import "server-only";
import { getPrisma, type MatchStatus, type Prisma } from "@/lib/db/client";
import type { ReconciliationQueueQuery } from "./schemas";

export type QueueItem = {
  id: string;
  originalName: string;
  skuBase: string | null;
  sequence: string | null;
  matchStatus: MatchStatus;
  collectionId: string | null;
  collectionName: string | null;
  batchId: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AMBIGUOUS first (a SKU is almost known), then UNMATCHED; the cursor says which phase and where. */
const PHASES = [
  { tag: "A", status: "AMBIGUOUS" },
  { tag: "U", status: "UNMATCHED" },
] as const satisfies readonly { tag: string; status: MatchStatus }[];

/**
 * Photos needing a person's decision for the Conciliação screen, keyset-paginated by (phase, id)
 * with the (matchStatus, id) index. Cursor: `A:<id>` or `U:<id>` (the last item returned).
 */
export async function listReconciliationQueue(
  query: ReconciliationQueueQuery,
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const [rawTag, cursorId] = query.cursor?.split(":") ?? [];
  const cursorTag = cursorId && UUID.test(cursorId) ? rawTag : undefined;
  let phase = Math.max(
    0,
    PHASES.findIndex((p) => p.tag === cursorTag),
  );
  let afterId: string | undefined = cursorTag ? cursorId : undefined;
  const items: QueueItem[] = [];
  let lastTag = "";
  while (phase < PHASES.length && items.length < query.limit + 1) {
    const where: Prisma.ImageWhereInput = {
      matchStatus: PHASES[phase]!.status,
      ...(query.batchId ? { batchId: query.batchId } : {}),
      ...(query.collectionId ? { collectionId: query.collectionId } : {}),
      ...(afterId ? { id: { gt: afterId } } : {}),
    };
    const rows = await getPrisma().image.findMany({
      where,
      orderBy: { id: "asc" },
      take: query.limit + 1 - items.length,
      select: {
        id: true,
        originalName: true,
        skuBase: true,
        sequence: true,
        matchStatus: true,
        collectionId: true,
        batchId: true,
        collection: { select: { name: true } },
      },
    });
    for (const r of rows)
      items.push({
        id: r.id,
        originalName: r.originalName,
        skuBase: r.skuBase,
        sequence: r.sequence,
        matchStatus: r.matchStatus,
        collectionId: r.collectionId,
        collectionName: r.collection?.name ?? null,
        batchId: r.batchId,
      });
    lastTag = PHASES[phase]!.tag;
    if (items.length < query.limit + 1) {
      phase += 1;
      afterId = undefined;
    }
  }
  const page = items.slice(0, query.limit);
  const hasMore = items.length > query.limit;
  const last = page.at(-1);
  const tagOf = (item: QueueItem) => PHASES.find((p) => p.status === item.matchStatus)?.tag ?? lastTag;
  return { items: page, nextCursor: hasMore && last ? `${tagOf(last)}:${last.id}` : null };
}
