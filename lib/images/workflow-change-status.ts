import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, type ImageStatus } from "@/lib/db/client";
import { checkTransition, IMAGE_STATUSES } from "./workflow";

export const MAX_STATUS_BATCH = 500;

export const changeImageStatusSchema = z.object({
  imageIds: z.array(z.uuid()).min(1, "Selecione ao menos uma foto.").max(MAX_STATUS_BATCH),
  status: z.enum(IMAGE_STATUSES),
});

export type StatusChangeResult = { changed: string[]; unchanged: string[] };

/**
 * Moves photos through the review workflow, one or many at once. All-or-nothing: when any photo
 * is missing or its transition is not allowed, nothing changes and the error lists them. Each
 * real change writes one audit row (old → new); photos already in the target status are no-ops.
 */
export async function changeImageStatus(
  actor: SessionUser,
  imageIds: string[],
  to: ImageStatus,
): Promise<StatusChangeResult> {
  const ids = [...new Set(imageIds)];
  if (ids.length === 0) return { changed: [], unchanged: [] };
  if (ids.length > MAX_STATUS_BATCH)
    throw new ApiError("VALIDATION_FAILED", `No máximo ${MAX_STATUS_BATCH} fotos por vez.`);
  const prisma = getPrisma();
  return prisma.$transaction(async (tx) => {
    // FOR NO KEY UPDATE: two people changing the same photos serialise instead of both reading "Pendente".
    const rows = await tx.$queryRaw<{ id: string; status: ImageStatus }[]>`
      SELECT id::text AS id, status::text AS status FROM "Image" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
    const found = new Map(rows.map((r) => [r.id, r.status]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new ApiError("NOT_FOUND", "Foto não encontrada.", { imageIds: missing });
    const invalid: { imageId: string; from: ImageStatus; to: ImageStatus; message: string }[] = [];
    const changed: { id: string; from: ImageStatus }[] = [];
    const unchanged: string[] = [];
    for (const id of ids) {
      const from = found.get(id)!;
      const check = checkTransition(from, to);
      if (check.kind === "invalid") invalid.push({ imageId: id, from, to, message: check.message });
      else if (check.kind === "same") unchanged.push(id);
      else changed.push({ id, from });
    }
    if (invalid.length > 0) {
      const message =
        invalid.length === 1
          ? invalid[0]!.message
          : `${invalid[0]!.message} (${invalid.length} fotos com transição inválida; nada foi alterado.)`;
      throw new ApiError("CONFLICT", message, {
        code: "INVALID_STATUS_TRANSITION",
        from: invalid[0]!.from,
        to,
        count: invalid.length,
        invalid,
      });
    }
    if (changed.length > 0) {
      await tx.image.updateMany({ where: { id: { in: changed.map((c) => c.id) } }, data: { status: to } });
      await tx.auditLog.createMany({
        data: changed.map((c) => ({
          userId: actor.id,
          action: "IMAGE_STATUS_CHANGED",
          entityType: "Image",
          entityId: c.id,
          data: { from: c.from, to },
        })),
      });
    }
    return { changed: changed.map((c) => c.id), unchanged };
  });
}
