import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { createUrlBatchFromList, urlListLimitsFromEnv } from "./create-url-batch";
import { listTooLarge } from "./parse-url-list";
import { previewUrlList } from "./preview-url-list";
import { receiveUrlListUpload } from "./receive-url-list-upload";
import { urlListFormSchema, type urlBatchCreatedSchema, type UrlListPreview } from "./schemas";

/** The file part → a temporary file, its size bounded while it is written. */
async function spool(file: Readable, maxBytes: number): Promise<string> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "vitrine-url-list-"));
  const target = path.join(dir, "list");
  let seen = 0;
  try {
    await pipeline(
      file,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length;
          done(seen > maxBytes ? listTooLarge(maxBytes) : null, chunk);
        },
      }),
      fs.createWriteStream(target),
    );
    return target;
  } catch (error) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw error;
  }
}

const removeSpooled = (file: string) => fs.promises.rm(path.dirname(file), { recursive: true, force: true });

function parseForm(fields: Record<string, string>) {
  const parsed = urlListFormSchema.safeParse(fields);
  if (!parsed.success)
    throw new ApiError(
      "VALIDATION_FAILED",
      "Dados inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/**
 * `POST /api/v1/batches` with a multipart list. The file part is spooled to a temporary file while
 * it arrives, then imported: the form's fields may come after the file (`curl -F file=@… -F
 * batch_name=…`, seed 004's order) and still decide the chunk size, and the import's transaction
 * never waits on a slow client's upload. The temporary file is removed whatever happens.
 */
export async function createUrlBatchFromRequest(
  actor: SessionUser,
  request: Request,
): Promise<z.infer<typeof urlBatchCreatedSchema>> {
  const limits = urlListLimitsFromEnv();
  const {
    result: spooled,
    fileName,
    fields,
  } = await receiveUrlListUpload(request, limits.maxBytes, (file) => spool(file, limits.maxBytes), removeSpooled);
  try {
    const form = parseForm(fields);
    const name = form.batch_name || fileName.replace(/\.(csv|txt)$/i, "") || "Lista de URLs";
    const created = await createUrlBatchFromList(
      actor,
      {
        name,
        brandId: form.brandId ?? null,
        collectionId: form.collectionId ?? null,
        autoStart: form.auto_start,
        chunkSize: form.chunk_size,
        list: fs.createReadStream(spooled),
        fileName,
      },
      limits,
    );
    return {
      ...created.batch,
      accepted: created.accepted,
      duplicates: created.duplicates,
      invalid: created.invalid,
      autoStarted: form.auto_start,
    };
  } finally {
    await removeSpooled(spooled);
  }
}

/** `POST /api/v1/batches/url-list/preview`: the list streams straight into the preview; nothing is stored. */
export async function previewUrlListRequest(request: Request): Promise<UrlListPreview> {
  const limits = urlListLimitsFromEnv();
  const { result } = await receiveUrlListUpload(request, limits.maxBytes, (file, fileName) =>
    previewUrlList(file, fileName, limits),
  );
  return result;
}
