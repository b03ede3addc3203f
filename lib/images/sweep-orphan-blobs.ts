import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";

const log = getLogger("STORAGE");

/** A blob younger than this may still be waiting for its row (upload or thumbnail in flight). */
export const ORPHAN_GRACE_MINUTES = 60;
const PAGE = 1000;

/**
 * Safety net after a crash: an original stored just before its row was written (process killed
 * in between), or a thumbnail whose image row was never updated, is a blob no row points to.
 * Deletes such originals and thumbnails once they are older than the grace period, and the
 * storage's leftovers of writes that never finished (a process killed mid-upload). Runs when
 * workers start and every hour; any number of processes may run it at once.
 */
export async function sweepOrphanBlobs(options: { graceMinutes?: number; now?: Date } = {}): Promise<number> {
  const storage = getStorage();
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMinutes ?? ORPHAN_GRACE_MINUTES) * 60_000;
  let deleted = 0;
  for (const [prefix, column] of [
    ["originals/", "storageKey"],
    ["thumbnails/", "thumbnailKey"],
  ] as const) {
    let cursor: string | undefined;
    do {
      const page = await storage.list(prefix, { cursor, limit: PAGE });
      cursor = page.cursor;
      const candidates = page.items.filter((item) => item.uploadedAt.getTime() < cutoff).map((item) => item.key);
      if (candidates.length === 0) continue;
      const referenced =
        column === "storageKey"
          ? await getPrisma()
              .image.findMany({ where: { storageKey: { in: candidates } }, select: { storageKey: true } })
              .then((rows) => rows.map((r) => r.storageKey))
          : await getPrisma()
              .image.findMany({ where: { thumbnailKey: { in: candidates } }, select: { thumbnailKey: true } })
              .then((rows) => rows.map((r) => r.thumbnailKey));
      const keep = new Set(referenced);
      for (const key of candidates) {
        if (keep.has(key)) continue;
        await storage.delete(key);
        deleted += 1;
      }
    } while (cursor);
  }
  const abandoned = await storage.pruneIncompleteWrites(new Date(cutoff));
  if (deleted > 0)
    log.warn({ action: "ORPHAN_BLOBS_DELETED", count: deleted }, "Arquivos sem registro removidos do armazenamento");
  if (abandoned > 0)
    log.warn(
      { action: "INCOMPLETE_WRITES_DELETED", count: abandoned },
      "Gravações interrompidas removidas do armazenamento",
    );
  return deleted;
}
