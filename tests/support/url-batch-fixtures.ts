import { Readable } from "node:stream";
import { ingestUpload } from "@/lib/batches/ingest-upload";
import { getPrisma, type BatchUrlStatus, type UrlErrorCategory } from "@/lib/db/client";
import { makeJpeg } from "./image-fixtures";

export type UrlRow = {
  url: string;
  status?: BatchUrlStatus;
  errorCategory?: UrlErrorCategory;
  errorCode?: string;
  attempts?: number;
  /** For a STORED/DUPLICATE row: the seed of a real JPEG fetched "from" it (stored as an upload `url:<id>`). */
  imageSeed?: number;
};

/**
 * A URL batch written straight into the tables (Batch URL_LIST, chunks of `chunkSize`, one BatchUrl
 * per row in order), as the URL-list importer and the fetcher would leave it. A row with
 * `imageSeed` gets its bytes recorded through the real upload path (blob + Image + BatchUpload with
 * client upload id `url:<BatchUrl.id>`) and points at that image.
 */
export async function createUrlBatch(input: {
  name: string;
  createdById?: string;
  chunkSize?: number;
  rows: UrlRow[];
  status?: "DRAFT" | "QUEUED" | "PROCESSING" | "COMPLETED" | "COMPLETED_WITH_ERRORS" | "PAUSED" | "CANCELLED";
}): Promise<{ batchId: string; urlIds: string[]; imageIds: (string | null)[] }> {
  const prisma = getPrisma();
  const chunkSize = input.chunkSize ?? 2;
  const batch = await prisma.batch.create({
    data: { name: input.name, source: "URL_LIST", chunkSize, createdById: input.createdById ?? null, status: "DRAFT" },
  });
  const chunkIds: string[] = [];
  for (let index = 0; index * chunkSize < input.rows.length; index++) {
    const chunk = await prisma.batchChunk.create({
      data: {
        batchId: batch.id,
        index,
        total: Math.min(chunkSize, input.rows.length - index * chunkSize),
      },
    });
    chunkIds.push(chunk.id);
  }
  const urlIds: string[] = [];
  const imageIds: (string | null)[] = [];
  for (const [i, row] of input.rows.entries()) {
    const url = await prisma.batchUrl.create({
      data: {
        batchId: batch.id,
        chunkId: chunkIds[Math.floor(i / chunkSize)]!,
        lineNumber: i + 1,
        url: row.url,
        status: row.status ?? "PENDING",
        errorCategory: row.errorCategory ?? null,
        errorCode: row.errorCode ?? null,
        attempts: row.attempts ?? (row.status && row.status !== "PENDING" ? 1 : 0),
      },
    });
    urlIds.push(url.id);
    let imageId: string | null = null;
    if (row.imageSeed !== undefined) {
      const stored = await ingestUpload({
        batch: { id: batch.id, status: "DRAFT", brandId: null, collectionId: null },
        uploadId: `url:${url.id}`,
        fileName: `foto-${row.imageSeed}.jpg`,
        relativePath: null,
        body: Readable.from([await makeJpeg(row.imageSeed)]),
        maxBytes: 10_000_000,
      });
      imageId = stored.imageId!;
      await prisma.batchUrl.update({
        where: { id: url.id },
        data: { imageId, bytes: 1000n, durationMs: 12, fetchedAt: new Date() },
      });
    }
    imageIds.push(imageId);
  }
  await prisma.batch.update({ where: { id: batch.id }, data: { status: input.status ?? "DRAFT" } });
  return { batchId: batch.id, urlIds, imageIds };
}
