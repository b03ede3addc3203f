import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { ApiError } from "@/lib/api/errors";
import { getPrisma, Prisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import type { ImageFilter } from "../schemas";
import type { BulkSelection } from "./schemas";
import { filterSelectionSql } from "./apply-chunk";
import { selectionIds } from "./start-bulk-action";
import { zipEntryNames } from "./zip-entry-names";

const log = getLogger("CATALOG");

/** Caps of one ZIP download, checked before the first byte is sent. */
export const ZIP_MAX_FILES = 500;
export const ZIP_MAX_BYTES = 2 * 1024 ** 3;

type ZipEntry = { id: string; originalName: string; storageKey: string; bytes: bigint };

export { zipEntryNames };

export type ZipCaps = { maxFiles: number; maxBytes: number };
const DEFAULT_CAPS: ZipCaps = { maxFiles: ZIP_MAX_FILES, maxBytes: ZIP_MAX_BYTES };

/** The selection's photos in id order, refused (400/413 with a code) when empty or over the caps. */
export async function zipEntriesOf(selection: BulkSelection, caps: ZipCaps = DEFAULT_CAPS): Promise<ZipEntry[]> {
  const where =
    "imageIds" in selection
      ? Prisma.sql`i."id" = ANY(${selectionIds(selection)}::uuid[])`
      : filterSelectionSql((selection as { filter: ImageFilter }).filter);
  const rows = await getPrisma().$queryRaw<ZipEntry[]>`
    SELECT i."id"::text AS id, i."originalName", i."storageKey", i."bytes" FROM "Image" i
    WHERE ${where} ORDER BY i."id" LIMIT ${caps.maxFiles + 1}`;
  if (rows.length === 0) throw new ApiError("BAD_REQUEST", "Nenhuma foto na seleção.", { code: "EMPTY_SELECTION" });
  if (rows.length > caps.maxFiles)
    throw new ApiError("PAYLOAD_TOO_LARGE", `O download tem no máximo ${caps.maxFiles} fotos; refine a seleção.`, {
      code: "DOWNLOAD_TOO_MANY_FILES",
      max: caps.maxFiles,
    });
  const total = rows.reduce((sum, r) => sum + Number(r.bytes), 0);
  if (total > caps.maxBytes)
    throw new ApiError("PAYLOAD_TOO_LARGE", "O download passa do tamanho máximo; refine a seleção.", {
      code: "DOWNLOAD_TOO_LARGE",
      limit: caps.maxBytes,
    });
  return rows;
}

/**
 * POST /api/v1/images/download: the selection's originals as a ZIP, streamed. Counted and sized
 * first (the caps answer before any byte); then each original is opened only when its turn comes
 * (yazl's lazy entries, stored: photos are already compressed) and piped through, so memory holds
 * one file's buffers, not the archive, and a slow client slows the reading. When the client goes
 * away the current file and the archive are closed and nothing more is read.
 */
export async function downloadZip(
  selection: BulkSelection,
  signal: AbortSignal,
  caps: ZipCaps = DEFAULT_CAPS,
): Promise<Response> {
  return zipResponse(await zipEntriesOf(selection, caps), signal);
}

/** The photos of the given ids that still exist, in id order (a download ticket's, already checked against the caps). */
export async function zipEntriesByIds(ids: string[]): Promise<ZipEntry[]> {
  return getPrisma().$queryRaw<ZipEntry[]>`
    SELECT i."id"::text AS id, i."originalName", i."storageKey", i."bytes" FROM "Image" i
    WHERE i."id" = ANY(${ids}::uuid[]) ORDER BY i."id"`;
}

/** The entries as a streamed ZIP response (see downloadZip). */
export function zipResponse(entries: ZipEntry[], signal: AbortSignal): Response {
  const names = zipEntryNames(entries.map((e) => e.originalName));
  return streamZip(
    entries.map((entry, index) => ({ name: names[index]!, storageKey: entry.storageKey, label: entry.id })),
    signal,
    { fileName: "vitrine-fotos.zip" },
  );
}

/** One archive entry: its path inside the ZIP, the blob it reads, and what a log line names it by. */
export type ZipStreamEntry = { name: string; storageKey: string; label: string };

/**
 * The one ZIP streamer (the catalog's download, a generation job's images): the entries' blobs as a
 * streamed archive under the given names (see downloadZip for how it reads and aborts).
 */
export function streamZip(entries: ZipStreamEntry[], signal: AbortSignal, options: { fileName: string }): Response {
  const storage = getStorage();
  const zip = new ZipFile();
  let current: Readable | null = null;
  let aborted = false;
  const output = zip.outputStream as Readable;
  // With an error, so the response breaks off instead of ending as if the archive were whole.
  const abort = (reason: Error) => {
    if (aborted) return;
    aborted = true;
    current?.destroy();
    output.destroy(reason);
  };
  const onAbort = () => abort(new Error("aborted"));
  signal.addEventListener("abort", onAbort, { once: true });
  output.on("close", () => signal.removeEventListener("abort", onAbort));
  for (const entry of entries)
    zip.addReadStreamLazy(entry.name, { compress: false, mtime: new Date() }, (cb) => {
      if (aborted) return cb(new Error("aborted"), Readable.from([]));
      storage.get(entry.storageKey).then(
        (file) => {
          if (!file) return cb(new Error(`Original ausente: ${entry.label}`), Readable.from([]));
          current = file.body;
          cb(null, file.body);
        },
        (error: unknown) => cb(error, Readable.from([])),
      );
    });
  zip.on("error", (error: unknown) => {
    log.error(
      { action: "ZIP_DOWNLOAD_FAILED", err: error instanceof Error ? error.message : String(error) },
      "Falha no ZIP",
    );
    abort(error instanceof Error ? error : new Error(String(error)));
  });
  zip.end();
  // Pulled one chunk at a time: the archive is read only as fast as the client takes it.
  const chunks = output[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      abort(new Error("aborted"));
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${options.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Zip-Entries": String(entries.length),
    },
  });
}
