import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { getLogger } from "@/lib/log/logger";
import { getStorage } from "@/lib/storage/get-storage";
import { generatedFilePath } from "./prompt-file";

const log = getLogger("GENERATION");

/**
 * `GET /api/v1/generation/jobs/{id}/zip`: the job's generated images under their relative paths
 * (one folder per prompt, or one folder, with the global numbering), streamed with yazl like the
 * catalog's ZIP download: each original is opened only when its turn comes, stored uncompressed
 * (PNGs are compressed already), read only as fast as the client takes the archive.
 */
export async function generationZip(jobId: string, signal: AbortSignal): Promise<Response> {
  const job = await getPrisma().generationJob.findUnique({
    where: { id: jobId },
    select: {
      separateFolders: true,
      items: {
        where: { status: "SUCCEEDED", imageId: { not: null } },
        orderBy: { number: "asc" },
        select: {
          number: true,
          prompt: { select: { sku: true, slug: true } },
          image: { select: { storageKey: true } },
        },
      },
    },
  });
  if (!job) throw new ApiError("NOT_FOUND", "Geração não encontrada.");
  const entries = job.items
    .filter((i) => i.image)
    .map((i) => ({
      name: generatedFilePath(i.prompt, i.number, job.separateFolders).relativePath,
      storageKey: i.image!.storageKey,
    }));
  if (entries.length === 0)
    throw new ApiError("BAD_REQUEST", "Nenhuma imagem gerada nesta geração ainda.", { code: "EMPTY_SELECTION" });
  const storage = getStorage();
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  let current: Readable | null = null;
  let aborted = false;
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
          if (!file) return cb(new Error("Original ausente"), Readable.from([]));
          current = file.body;
          cb(null, file.body);
        },
        (error: unknown) => cb(error, Readable.from([])),
      );
    });
  zip.on("error", (error: unknown) => {
    log.error({ action: "GENERATION_ZIP_FAILED", jobId, err: String(error) }, "Falha no ZIP da geração");
    abort(error instanceof Error ? error : new Error(String(error)));
  });
  zip.end();
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
      "Content-Disposition": `attachment; filename="geracao-${jobId}.zip"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Zip-Entries": String(entries.length),
    },
  });
}
