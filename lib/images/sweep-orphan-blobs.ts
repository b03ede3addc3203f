import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { previewKey } from "./preview-key";

const log = getLogger("STORAGE");

/** A blob younger than this may still be waiting for its row (upload or thumbnail in flight). */
export const ORPHAN_GRACE_MINUTES = 60;
const PAGE = 1000;

/**
 * Safety net after a crash: an original stored just before its row was written (process killed
 * in between), or a thumbnail whose image row was never updated, is a blob no row points to.
 * Deletes such originals and thumbnails once they are older than the grace period, large previews
 * of bytes no row holds any more (or of an older preview size), and the
 * storage's leftovers of writes that never finished (a process killed mid-upload). Runs when
 * workers start and every hour; any number of processes may run it at once.
 */
export async function sweepOrphanBlobs(options: { graceMinutes?: number; now?: Date } = {}): Promise<number> {
  const storage = getStorage();
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMinutes ?? ORPHAN_GRACE_MINUTES) * 60_000;
  let deleted = 0;
  for (const prefix of ["originals/", "thumbnails/", "previews/"] as const) {
    let cursor: string | undefined;
    do {
      const page = await storage.list(prefix, { cursor, limit: PAGE });
      cursor = page.cursor;
      const candidates = page.items.filter((item) => item.uploadedAt.getTime() < cutoff).map((item) => item.key);
      if (candidates.length === 0) continue;
      const keep = await referencedKeys(prefix, candidates);
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

/** The keys among `candidates` that a row still points to (a preview: the one of a sha256 some row holds). */
async function referencedKeys(
  prefix: "originals/" | "thumbnails/" | "previews/",
  candidates: string[],
): Promise<Set<string>> {
  const prisma = getPrisma();
  if (prefix === "originals/") {
    const rows = await prisma.image.findMany({
      where: { storageKey: { in: candidates } },
      select: { storageKey: true },
    });
    return new Set(rows.map((r) => r.storageKey));
  }
  if (prefix === "thumbnails/") {
    const rows = await prisma.image.findMany({
      where: { thumbnailKey: { in: candidates } },
      select: { thumbnailKey: true },
    });
    return new Set(rows.flatMap((r) => (r.thumbnailKey ? [r.thumbnailKey] : [])));
  }
  const shas = candidates.flatMap((key) => /^previews\/([0-9a-f]{64})-/.exec(key)?.[1] ?? []);
  const rows = await prisma.image.findMany({ where: { sha256: { in: shas } }, select: { sha256: true } });
  return new Set(rows.map((r) => previewKey(r.sha256)));
}
