import "server-only";
import { getPrisma } from "@/lib/db/client";

/** Which of these client upload ids the batch already received, so a reloaded page resumes without re-sending them. */
export async function findExistingUploadIds(batchId: string, uploadIds: string[]): Promise<string[]> {
  if (uploadIds.length === 0) return [];
  const rows = await getPrisma().batchUpload.findMany({
    where: { batchId, clientUploadId: { in: uploadIds } },
    select: { clientUploadId: true },
  });
  return rows.map((row) => row.clientUploadId);
}
