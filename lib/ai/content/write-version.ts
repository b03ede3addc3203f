import { getPrisma, Prisma, type ContentOrigin } from "@/lib/db/client";
import type { ContentOwner } from "./content-source";
import type { ContentFields } from "./schemas";

type Tx = Prisma.TransactionClient;

export type VersionMeta = {
  origin: ContentOrigin;
  feedback?: string | null;
  basedOnVersion?: number | null;
  createdById: string | null;
  runId?: string | null;
  model?: string | null;
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
  durationMs?: number | null;
};

/** The owner's row, locked (FOR NO KEY UPDATE): its current version pointer, manual flag and brand. */
export async function lockOwner(
  tx: Tx,
  owner: ContentOwner,
): Promise<{ currentVersion: number | null; isManual: boolean; brandId: string | null } | null> {
  const rows =
    owner.kind === "image"
      ? await tx.$queryRaw<{ currentVersion: number | null; isManual: boolean; brandId: string | null }[]>`
          SELECT i."contentVersion" AS "currentVersion", i."isContentManual" AS "isManual",
            COALESCE(i."brandId", p."brandId")::text AS "brandId"
          FROM "Image" i LEFT JOIN "Product" p ON p."id" = i."productId"
          WHERE i."id" = ${owner.id}::uuid FOR NO KEY UPDATE OF i`
      : await tx.$queryRaw<{ currentVersion: number | null; isManual: boolean; brandId: string | null }[]>`
          SELECT "contentVersion" AS "currentVersion", "isContentManual" AS "isManual", "brandId"::text AS "brandId"
          FROM "Product" WHERE "id" = ${owner.id}::uuid FOR NO KEY UPDATE`;
  return rows[0] ?? null;
}

const ownerWhere = (owner: ContentOwner) => (owner.kind === "image" ? { imageId: owner.id } : { productId: owner.id });

/**
 * A new version of the owner's content, made current, inside the caller's transaction with the
 * owner locked: the next number, the pointer, the "person's edit" flag (EDITED only) and, for a
 * photo, the mirror columns the catalog lists and searches (aiTitle, aiHashtags, aiKeyPoints — the
 * e-commerce descricao lives only in the versions; Image.aiDescription stays the vision's visual
 * description).
 */
export async function insertVersion(
  tx: Tx,
  owner: ContentOwner,
  brandId: string | null,
  fields: ContentFields,
  meta: VersionMeta,
): Promise<number> {
  const last = await tx.contentVersion.aggregate({ where: ownerWhere(owner), _max: { version: true } });
  const version = (last._max.version ?? 0) + 1;
  await tx.contentVersion.create({
    data: {
      ...ownerWhere(owner),
      brandId,
      version,
      titulo: fields.titulo,
      descricao: fields.descricao,
      hashtags: fields.hashtags,
      pontosChave: fields.pontosChave,
      origin: meta.origin,
      feedback: meta.feedback ?? null,
      basedOnVersion: meta.basedOnVersion ?? null,
      createdById: meta.createdById,
      runId: meta.runId ?? null,
      model: meta.model ?? null,
      tokensIn: meta.tokensIn ?? 0,
      tokensOut: meta.tokensOut ?? 0,
      costUsd: meta.costUsd ?? 0,
      durationMs: meta.durationMs ?? null,
    },
  });
  const isManual = meta.origin === "EDITED";
  if (owner.kind === "image")
    await tx.image.update({
      where: { id: owner.id },
      data: {
        contentVersion: version,
        isContentManual: isManual,
        aiTitle: fields.titulo,
        aiHashtags: fields.hashtags,
        aiKeyPoints: fields.pontosChave,
      },
    });
  else
    await tx.product.update({ where: { id: owner.id }, data: { contentVersion: version, isContentManual: isManual } });
  if (meta.createdById)
    await tx.auditLog.create({
      data: {
        userId: meta.createdById,
        action: "CONTENT_VERSION_CREATED",
        entityType: owner.kind === "image" ? "Image" : "Product",
        entityId: owner.id,
        data: { version, origin: meta.origin, basedOnVersion: meta.basedOnVersion ?? null },
      },
    });
  return version;
}

/** Runs `write` in a transaction with the owner locked; NOT_FOUND-style null when the owner is gone. */
export function withLockedOwner<T>(
  owner: ContentOwner,
  write: (tx: Tx, locked: NonNullable<Awaited<ReturnType<typeof lockOwner>>>) => Promise<T>,
): Promise<T | null> {
  return getPrisma().$transaction(async (tx) => {
    const locked = await lockOwner(tx, owner);
    if (!locked) return null;
    return write(tx, locked);
  });
}

/** A version's four fields, or null. */
export async function readVersionFields(
  db: Pick<Tx, "contentVersion">,
  owner: ContentOwner,
  version: number,
): Promise<ContentFields | null> {
  const row = await db.contentVersion.findFirst({
    where: { ...ownerWhere(owner), version },
    select: { titulo: true, descricao: true, hashtags: true, pontosChave: true },
  });
  return row;
}

export { ownerWhere };

/**
 * The catalog detail's "IA / editorial" title edit (PATCH /api/v1/images/{id} aiTitle), inside that
 * edit's transaction: the photo's title mirrors its current content version, so a new title of a
 * photo that has content is a new EDITED version (the content stays the one source of truth). A
 * photo without content keeps the title as a plain editorial field.
 */
export async function recordTitleEdit(tx: Tx, actorId: string, imageId: string, titulo: string): Promise<void> {
  const owner: ContentOwner = { kind: "image", id: imageId };
  const locked = await lockOwner(tx, owner);
  if (!locked || locked.currentVersion === null) return;
  const current = await readVersionFields(tx, owner, locked.currentVersion);
  if (!current || current.titulo === titulo) return;
  await insertVersion(
    tx,
    owner,
    locked.brandId,
    { ...current, titulo },
    {
      origin: "EDITED",
      basedOnVersion: locked.currentVersion,
      createdById: actorId,
    },
  );
}
