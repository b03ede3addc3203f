import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { findShotListIssue, normalizeAngles, type ShotListIssue } from "./aliases";
import { shotListInputSchema, type ShotListInput, type ShotListView } from "./schemas";

const ISSUE_MESSAGES: Record<ShotListIssue["code"], (p: Record<string, unknown>) => string> = {
  SHOT_LIST_EMPTY_ANGLE_NAME: (p) => `O ângulo ${String(p.position)} está sem nome.`,
  SHOT_LIST_DUPLICATE_ANGLE: (p) => `O ângulo ${String(p.angle)} aparece duas vezes.`,
  SHOT_LIST_ALIAS_CONFLICT: (p) =>
    `O apelido ${String(p.alias)} já pertence ao ângulo ${String(p.other)}; não pode ser também de ${String(p.angle)}.`,
  SHOT_LIST_INVALID_ALIAS: (p) =>
    `O apelido "${String(p.alias)}" do ângulo ${String(p.angle)} não tem letras nem números.`,
  SHOT_LIST_TOO_MANY_ANGLES: (p) => `No máximo ${String(p.max)} ângulos por lista.`,
  SHOT_LIST_TOO_MANY_ALIASES: (p) => `No máximo ${String(p.max)} apelidos no ângulo ${String(p.angle)}.`,
};

const listSelect = {
  id: true,
  collectionId: true,
  categoria: true,
  updatedAt: true,
  angles: { orderBy: { position: "asc" }, select: { name: true, position: true, aliases: true } },
} as const;

type ListRow = {
  id: string;
  collectionId: string;
  categoria: string;
  updatedAt: Date;
  angles: { name: string; position: number; aliases: string[] }[];
};
const view = (l: ListRow): ShotListView => ({ ...l, updatedAt: l.updatedAt.toISOString() });

async function collectionOrThrow(collectionId: string) {
  const collection = await getPrisma().collection.findUnique({ where: { id: collectionId }, select: { id: true } });
  if (!collection) throw new ApiError("NOT_FOUND", "Coleção não encontrada.");
  return collection;
}

/** The shot lists of a collection: the collection-wide one (categoria "") first, then per categoria. */
export async function getCollectionShotLists(collectionId: string): Promise<ShotListView[]> {
  await collectionOrThrow(collectionId);
  const lists = await getPrisma().shotList.findMany({
    where: { collectionId },
    orderBy: { categoria: "asc" },
    select: listSelect,
  });
  return lists.map(view);
}

/**
 * Replaces one shot list of a collection (its categoria, "" = the whole collection) by the angles
 * given, in one transaction; no angles deletes it. A list with a problem is refused whole with its
 * code (findShotListIssue) and nothing changes.
 */
export async function saveShotList(
  actor: SessionUser,
  collectionId: string,
  raw: ShotListInput,
): Promise<ShotListView | null> {
  const input = shotListInputSchema.parse(raw);
  const issue = findShotListIssue(input.angles);
  if (issue) throw new ApiError(issue.code, ISSUE_MESSAGES[issue.code](issue.params), issue.params);
  await collectionOrThrow(collectionId);
  const angles = normalizeAngles(input.angles);
  const saved = await getPrisma().$transaction(async (tx) => {
    const where = { collectionId_categoria: { collectionId, categoria: input.categoria } };
    await recordAudit(
      {
        userId: actor.id,
        action: "SHOT_LIST_SAVE",
        entityType: "Collection",
        entityId: collectionId,
        data: { categoria: input.categoria, angles },
      },
      tx,
    );
    if (angles.length === 0) {
      await tx.shotList.deleteMany({ where: { collectionId, categoria: input.categoria } });
      return null;
    }
    const list = await tx.shotList.upsert({
      where,
      create: { collectionId, categoria: input.categoria, updatedById: actor.id },
      update: { updatedById: actor.id, updatedAt: new Date() },
      select: { id: true },
    });
    await tx.shotListAngle.deleteMany({ where: { shotListId: list.id } });
    await tx.shotListAngle.createMany({
      data: angles.map((a, position) => ({ shotListId: list.id, name: a.name, position, aliases: a.aliases })),
    });
    return tx.shotList.findUniqueOrThrow({ where: { id: list.id }, select: listSelect });
  });
  return saved ? view(saved) : null;
}
