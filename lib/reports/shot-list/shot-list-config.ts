import "server-only";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid-v7";
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
  collectionId: string | null;
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

/**
 * The shot lists of a collection, or the bank's (`null`): the whole one (categoria "") first, then
 * per categoria.
 */
export async function getShotLists(collectionId: string | null): Promise<ShotListView[]> {
  if (collectionId !== null) await collectionOrThrow(collectionId);
  const lists = await getPrisma().shotList.findMany({
    where: { collectionId },
    orderBy: { categoria: "asc" },
    select: listSelect,
  });
  return lists.map(view);
}

/**
 * Replaces one shot list of a collection, or of the bank (`collectionId` null), for its categoria
 * ("" = every SKU) by the angles given, in one transaction; no angles deletes it. A list with a
 * problem is refused whole with its code (findShotListIssue) and nothing changes.
 */
export async function saveShotList(
  actor: SessionUser,
  collectionId: string | null,
  raw: ShotListInput,
): Promise<ShotListView | null> {
  const input = shotListInputSchema.parse(raw);
  const issue = findShotListIssue(input.angles);
  if (issue) throw new ApiError(issue.code, ISSUE_MESSAGES[issue.code](issue.params), issue.params);
  if (collectionId !== null) await collectionOrThrow(collectionId);
  const angles = normalizeAngles(input.angles);
  const saved = await getPrisma().$transaction(async (tx) => {
    const key = { collectionId, categoria: input.categoria };
    await recordAudit(
      {
        userId: actor.id,
        action: "SHOT_LIST_SAVE",
        entityType: collectionId === null ? "ShotList" : "Collection",
        entityId: collectionId ?? "bank",
        data: { categoria: input.categoria, angles },
      },
      tx,
    );
    if (angles.length === 0) {
      await tx.shotList.deleteMany({ where: key });
      return null;
    }
    // Prisma's upsert cannot name a null collection in the unique key; ON CONFLICT on that key's
    // index (NULLS NOT DISTINCT) can, so two admins saving the same new list at once both succeed.
    const [list] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ShotList" ("id", "collectionId", "categoria", "updatedById", "updatedAt")
      VALUES (${uuidv7()}::uuid, ${collectionId}::uuid, ${input.categoria}, ${actor.id}::uuid, now())
      ON CONFLICT ("collectionId", "categoria")
        DO UPDATE SET "updatedById" = EXCLUDED."updatedById", "updatedAt" = now()
      RETURNING "id"::text AS id`;
    await tx.shotListAngle.deleteMany({ where: { shotListId: list!.id } });
    await tx.shotListAngle.createMany({
      data: angles.map((a, position) => ({ shotListId: list!.id, name: a.name, position, aliases: a.aliases })),
    });
    return tx.shotList.findUniqueOrThrow({ where: { id: list!.id }, select: listSelect });
  });
  return saved ? view(saved) : null;
}
