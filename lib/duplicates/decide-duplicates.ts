import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma, type ImageStatus } from "@/lib/db/client";
import { checkTransition } from "@/lib/images/workflow";
import type { DuplicateDecision, duplicateDecisionResultSchema } from "./schemas";

type DecisionResult = z.infer<typeof duplicateDecisionResultSchema>;

/**
 * A person's decision on a group of possible duplicates, in one transaction with the photos locked:
 * every open pair among the reviewed photos is closed (DISTINCT for "manter todos", RESOLVED for
 * "manter este"); for "manter este" the other photos get `duplicateOfId` = the kept photo and move
 * to Rejeitado where the workflow allows it (a photo waiting for AI keeps its status). Originals are
 * never deleted. A closed pair is never reopened: the check task inserts pairs with ON CONFLICT DO
 * NOTHING. Audited per photo. A group already decided (no open pair left among the photos, e.g. by
 * another reviewer) is a 409 DUPLICATES_ALREADY_DECIDED and changes nothing.
 */
export async function decideDuplicates(actor: SessionUser, decision: DuplicateDecision): Promise<DecisionResult> {
  const ids = decision.imageIds;
  return getPrisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string; status: ImageStatus }[]>`
      SELECT "id"::text AS "id", "status" FROM "Image" WHERE "id" = ANY (${ids}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`;
    if (locked.length !== ids.length) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
    const status = decision.action === "keep" ? "RESOLVED" : "DISTINCT";
    const closed = await tx.$executeRaw`
      UPDATE "ImageDuplicatePair" SET "status" = ${status}::"DuplicatePairStatus", "decidedById" = ${actor.id}::uuid, "decidedAt" = now()
      WHERE "status" = 'OPEN' AND "aId" = ANY (${ids}::uuid[]) AND "bId" = ANY (${ids}::uuid[])`;
    if (closed === 0)
      throw new ApiError("CONFLICT", "Estas fotos já foram revisadas.", { code: "DUPLICATES_ALREADY_DECIDED" });

    const entries: Prisma.AuditLogCreateManyInput[] = [];
    let rejected = 0;
    if (decision.action === "distinct") {
      for (const id of ids)
        entries.push({
          userId: actor.id,
          action: "IMAGE_DUPLICATES_DISTINCT",
          entityType: "Image",
          entityId: id,
          data: { imageIds: ids, pairs: closed },
        });
      await tx.auditLog.createMany({ data: entries });
      return { action: "distinct", pairs: closed, markedDuplicates: 0, rejected: 0 };
    }

    const keepId = decision.keepImageId;
    const others = locked.filter((image) => image.id !== keepId);
    for (const image of others) {
      const reject = checkTransition(image.status, "REJEITADO").kind === "change";
      await tx.image.update({
        where: { id: image.id },
        data: { duplicateOfId: keepId, ...(reject ? { status: "REJEITADO" } : {}) },
      });
      entries.push({
        userId: actor.id,
        action: "IMAGE_MARKED_DUPLICATE",
        entityType: "Image",
        entityId: image.id,
        data: { duplicateOfId: keepId },
      });
      if (reject) {
        rejected++;
        entries.push({
          userId: actor.id,
          action: "IMAGE_STATUS_CHANGED",
          entityType: "Image",
          entityId: image.id,
          data: { from: image.status, to: "REJEITADO" },
        });
      }
    }
    entries.push({
      userId: actor.id,
      action: "IMAGE_DUPLICATE_KEPT",
      entityType: "Image",
      entityId: keepId,
      data: { duplicateIds: others.map((image) => image.id) },
    });
    await tx.auditLog.createMany({ data: entries });
    return { action: "keep", pairs: closed, markedDuplicates: others.length, rejected };
  });
}
