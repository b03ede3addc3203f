import "server-only";
import type { Readable } from "node:stream";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
import { getLogger } from "@/lib/log/logger";
import { parseAllowedHosts } from "@/lib/url-fetch/address-policy";
import { startBatch } from "../batch-control";
import { getBatchOrThrow } from "../batch-queries";
import { resolveBatchBrand } from "../create-batch";
import type { batchDetailSchema } from "../schemas";
import { parseUrlList, type UrlListLimits } from "./parse-url-list";
import { UrlRowWriter } from "./write-url-rows";

const log = getLogger("BATCH");

export type CreateUrlBatchInput = {
  name: string;
  brandId?: string | null;
  collectionId?: string | null;
  autoStart: boolean;
  /** URLs per chunk (1..10,000). */
  chunkSize: number;
  /** The file's bytes. */
  list: Readable;
  fileName: string;
};

export type CreateUrlBatchResult = {
  batch: z.infer<typeof batchDetailSchema>;
  accepted: number;
  duplicates: number;
  invalid: number;
};

/** The list limits of the configuration (URL_LIST_MAX_BYTES / URL_LIST_MAX_LINES, URL_FETCH_ALLOW_HOSTS). */
export function urlListLimitsFromEnv(): UrlListLimits {
  const env = getEnv();
  return {
    maxBytes: env.URL_LIST_MAX_BYTES,
    maxLines: env.URL_LIST_MAX_LINES,
    allowHosts: parseAllowedHosts(env.URL_FETCH_ALLOW_HOSTS),
  };
}

/**
 * Streams the list (CSV or TXT) into a new URL batch: Batch(source URL_LIST, chunkSize), BatchChunk
 * rows, BatchUrl rows (PENDING; invalid lines FAILED with errorCategory INVALID_URL / BLOCKED_ADDRESS
 * for literal blocked IPs, errorCode URL_*, lineNumber), duplicates of a URL inside the list dropped
 * and counted. Inserts in bulk (UrlRowWriter), never holds the whole list.
 *
 * All or nothing in ONE transaction: a list refused midway (a limit crossed at line N, a broken
 * stream, a database error) leaves no batch, no chunk and no URL — nothing another request or a
 * worker could have seen, which a delete-on-failure could not promise (the batch would be listed,
 * and could be started, while it was being written). PostgreSQL holds a long write transaction
 * without trouble; the rows are only visible at commit. When autoStart, starts the batch
 * (`startBatch`) after the commit.
 */
export async function createUrlBatchFromList(
  actor: SessionUser,
  input: CreateUrlBatchInput,
  limits: UrlListLimits = urlListLimitsFromEnv(),
): Promise<CreateUrlBatchResult> {
  if (!Number.isInteger(input.chunkSize) || input.chunkSize < 1 || input.chunkSize > 10_000)
    throw new ApiError("VALIDATION_FAILED", "chunk_size deve ser um inteiro de 1 a 10000.");
  let brandId: string | null;
  try {
    brandId = await resolveBatchBrand(input);
  } catch (error) {
    input.list.destroy();
    throw error;
  }
  const batchId = uuidv7();
  const started = Date.now();
  const counts = await getPrisma().$transaction(
    async (tx) => {
      await tx.batch.create({
        data: {
          id: batchId,
          name: input.name,
          brandId,
          collectionId: input.collectionId ?? null,
          createdById: actor.id,
          source: "URL_LIST",
          chunkSize: input.chunkSize,
        },
      });
      const writer = new UrlRowWriter(tx, batchId, input.chunkSize);
      for await (const line of parseUrlList(input.list, limits)) await writer.add(line);
      const written = await writer.finish();
      if (written.accepted === 0)
        throw new ApiError("URL_LIST_NO_VALID_URLS", "Nenhuma linha da lista tem uma URL válida; nada foi criado.", {
          invalid: written.invalid,
          duplicates: written.duplicates,
        });
      await recordAudit(
        {
          userId: actor.id,
          action: "BATCH_CREATE",
          entityType: "Batch",
          entityId: batchId,
          data: { name: input.name, source: "URL_LIST", fileName: input.fileName.slice(0, 200), ...written },
        },
        tx,
      );
      return written;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  log.info(
    { action: "BATCH_CREATE", batchId, userId: actor.id, source: "URL_LIST", ms: Date.now() - started, ...counts },
    "Lote de URLs criado",
  );
  if (input.autoStart) {
    try {
      await startBatch(actor, batchId);
    } catch (error) {
      // The batch exists whatever happens here: it stays a draft, started by hand.
      log.warn(
        { action: "BATCH_AUTO_START_FAILED", batchId, err: (error as Error).message },
        "Início automático falhou",
      );
    }
  }
  return {
    batch: await getBatchOrThrow(batchId),
    accepted: counts.accepted,
    duplicates: counts.duplicates,
    invalid: counts.invalid,
  };
}
