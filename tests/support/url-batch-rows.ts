// Writes URL batches (Batch + BatchChunk + BatchUrl) and failed photos straight into the database,
// in bulk (generate_series), for the analytics tests: integration (Prisma) and e2e (pg on the
// e2e server's database). The hosts are reserved names (.test/.invalid) or blocked addresses: the
// rows are data only, and every URL is left finished so no worker ever tries to fetch one.
import { uuidv7 } from "../../lib/db/uuid-v7";

/** Runs one statement with positional parameters ($1…): Prisma's $executeRawUnsafe or pg's query. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown>;

export type UrlGroup = {
  count: number;
  status: "PENDING" | "FETCHING" | "STORED" | "DUPLICATE" | "FAILED" | "CANCELLED";
  category?: string;
  errorCode?: string;
  httpStatus?: number;
  /** Host of the generated URLs (default fotos.fornecedor.test), or a whole URL prefix with `urlPrefix`. */
  host?: string;
  urlPrefix?: string;
  durationMs?: number;
};

export type ChunkSpec = {
  status?: "PENDING" | "RUNNING" | "PAUSED" | "COMPLETED" | "CANCELLED";
  startedAt?: Date | null;
  finishedAt?: Date | null;
  worker?: string | null;
  urls?: UrlGroup[];
  /** The chunk's size when it has no URL rows (batches that only feed the speed norm). */
  total?: number;
};

export type UrlBatchSpec = {
  name: string;
  status: string;
  source?: "URL_LIST" | "UPLOAD";
  startedAt?: Date | null;
  finishedAt?: Date | null;
  createdAt?: Date;
  chunkSize?: number;
  chunks: ChunkSpec[];
};

export async function insertUrlBatch(
  run: SqlRunner,
  spec: UrlBatchSpec,
): Promise<{ batchId: string; chunkIds: string[] }> {
  const batchId = uuidv7();
  const source = spec.source ?? "URL_LIST";
  await run(
    `INSERT INTO "Batch" ("id", "name", "status", "source", "chunkSize", "startedAt", "finishedAt", "createdAt", "updatedAt")
     VALUES ($1::uuid, $2, $3::"BatchStatus", $4::"BatchSource", $5, $6, $7, $8, now())`,
    [
      batchId,
      spec.name,
      spec.status,
      source,
      source === "URL_LIST" ? (spec.chunkSize ?? 2000) : null,
      spec.startedAt ?? null,
      spec.finishedAt ?? null,
      spec.createdAt ?? new Date(),
    ],
  );
  const chunkIds: string[] = [];
  let line = 0;
  for (const [index, chunk] of spec.chunks.entries()) {
    const chunkId = uuidv7();
    chunkIds.push(chunkId);
    const groups = chunk.urls ?? [];
    const total = chunk.total ?? groups.reduce((n, g) => n + g.count, 0);
    await run(
      `INSERT INTO "BatchChunk" ("id", "batchId", "index", "status", "total", "worker", "startedAt", "finishedAt", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3, $4::"BatchChunkStatus", $5, $6, $7, $8, now())`,
      [
        chunkId,
        batchId,
        index,
        chunk.status ?? "COMPLETED",
        total,
        chunk.worker ?? null,
        chunk.startedAt ?? null,
        chunk.finishedAt ?? null,
      ],
    );
    for (const [groupIndex, group] of groups.entries()) {
      const prefix =
        group.urlPrefix ?? `https://${group.host ?? "fotos.fornecedor.test"}/c${index}/g${groupIndex}/foto-`;
      const finished = !["PENDING", "FETCHING", "CANCELLED"].includes(group.status);
      await run(
        `INSERT INTO "BatchUrl" ("id", "batchId", "chunkId", "lineNumber", "url", "status", "errorCategory", "errorCode",
                                 "httpStatus", "attempts", "durationMs", "fetchedAt", "updatedAt")
         SELECT (left($3, 24) || lpad(to_hex(g), 12, '0'))::uuid, $1::uuid, $2::uuid, $4 + g, $5 || g || '.jpg',
                $6::"BatchUrlStatus", $7::"UrlErrorCategory", $8, $9, $10, $11, $12, now()
         FROM generate_series(1, $13::int) AS g`,
        [
          batchId,
          chunkId,
          // Ids in arrival order (as the app's UUIDv7): a fresh v7 prefix per group, the row number at the end.
          uuidv7(),
          line,
          prefix,
          group.status,
          group.category ?? null,
          group.errorCode ?? null,
          group.httpStatus ?? null,
          finished ? 1 : 0,
          finished ? (group.durationMs ?? 120) : null,
          finished ? new Date() : null,
          group.count,
        ],
      );
      line += group.count;
    }
  }
  return { batchId, chunkIds };
}

/** Photos of a batch (Image + BatchUpload), e.g. FAILED with a processing error code. */
export async function insertBatchImages(
  run: SqlRunner,
  batchId: string,
  options: { count: number; processingStatus: string; errorCode?: string },
): Promise<void> {
  const tag = uuidv7();
  await run(
    `WITH rows AS (
       SELECT md5($1 || ':' || g)::uuid AS id, g FROM generate_series(1, $2::int) AS g
     ), images AS (
       INSERT INTO "Image" ("id", "batchId", "originalName", "storageKey", "contentType", "bytes", "sha256",
                            "processingStatus", "processingErrorCode", "processingError", "processedAt", "updatedAt")
       SELECT id, $3::uuid, 'foto-' || g || '.jpg', 'originals/' || id || '.jpg', 'image/jpeg', 10, md5($1 || ':sha:' || g),
              $4::"ProcessingStatus", $5, CASE WHEN $5::text IS NULL THEN NULL ELSE 'falhou' END, now(), now()
       FROM rows RETURNING "id"
     )
     INSERT INTO "BatchUpload" ("id", "batchId", "clientUploadId", "originalName", "bytes", "imageId")
     SELECT id, $3::uuid, 'it-' || id, 'foto.jpg', 10, id FROM images`,
    [tag, options.count, batchId, options.processingStatus, options.errorCode ?? null],
  );
}
