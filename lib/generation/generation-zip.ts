import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import { streamZip } from "@/lib/images/bulk/download-zip";
import { generatedFilePath } from "./prompt-file";

/**
 * `GET /api/v1/generation/jobs/{id}/zip`: the job's generated images under their relative paths
 * (one folder per prompt, or one folder, with the global numbering), streamed by the catalog's ZIP
 * streamer (each original opened only when its turn comes, stored uncompressed, read only as fast
 * as the client takes the archive).
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
      label: `${jobId}#${i.number}`,
    }));
  if (entries.length === 0)
    throw new ApiError("BAD_REQUEST", "Nenhuma imagem gerada nesta geração ainda.", { code: "EMPTY_SELECTION" });
  return streamZip(entries, signal, { fileName: `geracao-${jobId}.zip` });
}
