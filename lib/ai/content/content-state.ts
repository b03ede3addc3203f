import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getPrisma } from "@/lib/db/client";
import type { ContentOwner } from "./content-owner";
import type { ContentState } from "./schemas";
import { ownerWhere } from "./write-version";

/** Versions listed per owner (newest first); an owner with more shows its latest this many. */
export const VERSIONS_LIMIT = 200;

/** GET …/content/versions: the current version's number, whether it is a person's edit, every version (newest first). */
export async function getContentState(owner: ContentOwner): Promise<ContentState> {
  const prisma = getPrisma();
  const head =
    owner.kind === "image"
      ? await prisma.image.findUnique({
          where: { id: owner.id },
          select: { contentVersion: true, isContentManual: true },
        })
      : await prisma.product.findUnique({
          where: { id: owner.id },
          select: { contentVersion: true, isContentManual: true },
        });
  if (!head)
    throw new ApiError("NOT_FOUND", owner.kind === "image" ? "Foto não encontrada." : "Produto não encontrado.");
  const rows = await prisma.contentVersion.findMany({
    where: ownerWhere(owner),
    orderBy: { version: "desc" },
    take: VERSIONS_LIMIT,
    include: { createdBy: { select: { id: true, name: true, email: true } } },
  });
  return {
    currentVersion: head.contentVersion,
    isManual: head.isContentManual,
    versions: rows.map((r) => ({
      version: r.version,
      titulo: r.titulo,
      descricao: r.descricao,
      hashtags: r.hashtags,
      pontosChave: r.pontosChave,
      origin: r.origin,
      feedback: r.feedback,
      basedOnVersion: r.basedOnVersion,
      createdBy: r.createdBy,
      model: r.model,
      tokensIn: r.tokensIn,
      tokensOut: r.tokensOut,
      costUsd: r.costUsd,
      durationMs: r.durationMs,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
