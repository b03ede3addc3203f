import { getPrisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";

/**
 * A URL batch written straight into the tables (Batch source URL_LIST, its chunks of `chunkSize`
 * URLs in list order, every URL PENDING), for the fetching tests: the list parser and its own
 * checks are tested with createUrlBatchFromList (lib/batches/url-list).
 */
export type TestUrl = { url: string; name?: string; sku?: string; path?: string };

export async function createTestUrlBatch(options: {
  name?: string;
  urls: (string | TestUrl)[];
  chunkSize?: number;
  collectionId?: string | null;
  brandId?: string | null;
  createdById?: string | null;
}): Promise<{ id: string; chunkIds: string[]; urlIds: string[] }> {
  const prisma = getPrisma();
  const chunkSize = options.chunkSize ?? 2000;
  const urls = options.urls.map((u) => (typeof u === "string" ? { url: u } : u));
  const batch = await prisma.batch.create({
    data: {
      name: options.name ?? "Lote de URLs",
      source: "URL_LIST",
      chunkSize,
      brandId: options.brandId ?? null,
      collectionId: options.collectionId ?? null,
      createdById: options.createdById ?? null,
    },
  });
  const chunkIds: string[] = [];
  for (let i = 0; i * chunkSize < urls.length; i++) chunkIds.push(uuidv7());
  await prisma.batchChunk.createMany({
    data: chunkIds.map((id, index) => ({
      id,
      batchId: batch.id,
      index,
      total: Math.min(chunkSize, urls.length - index * chunkSize),
    })),
  });
  const urlIds = urls.map(() => uuidv7());
  await prisma.batchUrl.createMany({
    data: urls.map((u, i) => ({
      id: urlIds[i]!,
      batchId: batch.id,
      chunkId: chunkIds[Math.floor(i / chunkSize)]!,
      lineNumber: i + 1,
      url: u.url,
      name: u.name ?? null,
      sku: u.sku ?? null,
      path: u.path ?? null,
    })),
  });
  return { id: batch.id, chunkIds, urlIds };
}
