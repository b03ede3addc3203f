import "server-only";
import { recordTitleEdit } from "@/lib/ai/content/write-version";
import { AI_FIELD_COLUMNS } from "@/lib/ai/fields";
import { ApiError } from "@/lib/api/errors";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, type ImageStatus, type Prisma } from "@/lib/db/client";
import { getImageDetailOrThrow } from "./get-image-detail";
import { CARTEIRA_FIELD_NAMES, imageUpdateSchema, type ImageUpdate } from "./schemas";
import { checkTransition } from "./workflow";

const EDITORIAL_FIELDS = [
  "aiTitle",
  "aiDescription",
  "aiTags",
  "aiColor",
  "aiMaterial",
  "aiSecondaryColors",
  "aiTipoPeca",
  "aiStyle",
] as const;
/** Columns an AI run writes (lib/ai/fields.ts): a person's edit marks them manual, so later runs keep it. */
const AI_COLUMNS = new Set<string>(Object.values(AI_FIELD_COLUMNS).flat());

/**
 * The body of a photo edit, refused with CARTEIRA_FIELD_READ_ONLY when it names a carteira field
 * (those belong to the product and the carteira import) and with VALIDATION_FAILED when it is
 * otherwise not an edit.
 */
export function parseImageUpdate(body: unknown): ImageUpdate {
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    const fields = CARTEIRA_FIELD_NAMES.filter((name) => Object.hasOwn(body, name));
    if (fields.length > 0)
      throw new ApiError(
        "CARTEIRA_FIELD_READ_ONLY",
        `Campos da carteira (${fields.join(", ")}) não podem ser editados na foto: eles vêm do produto e da importação da carteira.`,
        { fields: fields.join(", ") },
      );
  }
  const parsed = imageUpdateSchema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(
      "VALIDATION_FAILED",
      "Dados inválidos.",
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/**
 * Edits a photo's editorial / AI fields and moves its workflow status (the rules of
 * lib/images/workflow.ts), in one transaction with the row locked. An edit of a column AI runs
 * write marks it manual (aiManualFields): later runs keep it unless told to overwrite manual edits.
 * Audited: one IMAGE_EDITED entry with each changed field's old and new value, and
 * IMAGE_STATUS_CHANGED for a status move (the entry the bulk status change writes). Returns the
 * photo's detail.
 */
export async function updateImage(actor: SessionUser, id: string, update: ImageUpdate) {
  await getPrisma().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id::text AS id FROM "Image" WHERE id = ${id}::uuid FOR NO KEY UPDATE`;
    if (locked.length === 0) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
    const current = await tx.image.findUniqueOrThrow({
      where: { id },
      select: {
        status: true,
        aiTitle: true,
        aiDescription: true,
        aiTags: true,
        aiColor: true,
        aiMaterial: true,
        aiSecondaryColors: true,
        aiTipoPeca: true,
        aiStyle: true,
        aiManualFields: true,
      },
    });
    const data: Prisma.ImageUpdateInput = {};
    const changes: Record<string, { from: string | string[] | null; to: string | string[] | null }> = {};
    for (const field of EDITORIAL_FIELDS) {
      const next = update[field];
      if (next === undefined) continue;
      const normalized = typeof next === "string" && next === "" ? null : next;
      if (JSON.stringify(current[field]) === JSON.stringify(normalized)) continue;
      changes[field] = { from: current[field], to: normalized };
      Object.assign(data, { [field]: normalized });
    }
    const manual = Object.keys(changes).filter(
      (field) => AI_COLUMNS.has(field) && !current.aiManualFields.includes(field),
    );
    if (manual.length > 0) data.aiManualFields = [...current.aiManualFields, ...manual];
    let statusChange: { from: ImageStatus; to: ImageStatus } | null = null;
    if (update.status) {
      const check = checkTransition(current.status, update.status);
      if (check.kind === "invalid")
        throw new ApiError("CONFLICT", check.message, {
          code: "INVALID_STATUS_TRANSITION",
          from: current.status,
          to: update.status,
          count: 1,
        });
      if (check.kind === "change") {
        statusChange = { from: current.status, to: update.status };
        data.status = update.status;
      }
    }
    if (Object.keys(data).length === 0) return;
    await tx.image.update({ where: { id }, data });
    if (typeof data.aiTitle === "string") await recordTitleEdit(tx, actor.id, id, data.aiTitle);
    const entries: Prisma.AuditLogCreateManyInput[] = [];
    if (Object.keys(changes).length > 0)
      entries.push({ userId: actor.id, action: "IMAGE_EDITED", entityType: "Image", entityId: id, data: { changes } });
    if (statusChange)
      entries.push({
        userId: actor.id,
        action: "IMAGE_STATUS_CHANGED",
        entityType: "Image",
        entityId: id,
        data: statusChange,
      });
    await tx.auditLog.createMany({ data: entries });
  });
  return getImageDetailOrThrow(id);
}
