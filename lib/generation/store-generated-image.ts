import { Readable } from "node:stream";
import { recordStoredUpload, storeUploadBlob } from "@/lib/batches/ingest-upload";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { generatedFilePath } from "./prompt-file";

/** The upload id of an item's image: a stored one is found again and never generated twice in its round. */
export function generationUploadId(item: { id: string; round: number }): string {
  return `gen:${item.id}:${item.round}`;
}

export async function findStoredGeneration(batchId: string, uploadId: string): Promise<string | null> {
  const upload = await getPrisma().batchUpload.findUnique({
    where: { batchId_clientUploadId: { batchId, clientUploadId: uploadId } },
    select: { imageId: true },
  });
  return upload?.imageId ?? null;
}

/**
 * A generated PNG enters the bank exactly like an uploaded file: the upload pipeline's two halves
 * (type from the bytes, sha256, blob; then the rows, dedupe by sha256, queued for thumbnail,
 * hashes and filename→SKU matching). Named `<SKU>_<n>.png` when the prompt has a SKU (the matcher
 * links it), else `<n>.png`, in the prompt's folder when the job separates folders.
 */
export async function storeGeneratedImage(input: {
  batchId: string;
  item: { id: string; round: number; number: number };
  prompt: { prompt: string; sku: string | null; slug: string };
  separateFolders: boolean;
  model: string;
  bytes: Buffer;
  revisedPrompt: string | null;
}): Promise<string> {
  const prisma = getPrisma();
  const batch = await prisma.batch.findUniqueOrThrow({
    where: { id: input.batchId },
    select: { id: true, status: true, brandId: true, collectionId: true },
  });
  const { fileName, relativePath } = generatedFilePath(input.prompt, input.item.number, input.separateFolders);
  const stored = await storeUploadBlob({
    batch,
    uploadId: generationUploadId(input.item),
    fileName,
    relativePath,
    body: Readable.from([input.bytes]),
    maxBytes: getEnv().UPLOAD_MAX_BYTES,
  });
  const result = await recordStoredUpload(batch, stored);
  const imageId = result.imageId!;
  await prisma.image.updateMany({
    where: { id: imageId, generationItemId: null },
    data: {
      generatedPrompt: input.prompt.prompt,
      generatedRevisedPrompt: input.revisedPrompt,
      generatedModel: input.model,
      generationItemId: input.item.id,
    },
  });
  return imageId;
}
