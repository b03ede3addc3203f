import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { selectFewShotExamples, type FewShotExample } from "./few-shot";
import { CONTENT_LENGTHS, CONTENT_TONES, type ContentLength, type ContentTone } from "./schemas";

export type BrandContentSettings = {
  tone: ContentTone;
  length: ContentLength;
  examplesClearedAt: Date | null;
};

export const DEFAULT_CONTENT_SETTINGS: BrandContentSettings = {
  tone: "neutro",
  length: "medio",
  examplesClearedAt: null,
};

/** Candidate rows read for the few-shot selection (it keeps a handful within its token budget). */
const EXAMPLE_ROWS = 30;

const asTone = (v: string): ContentTone =>
  (CONTENT_TONES as readonly string[]).includes(v) ? (v as ContentTone) : "neutro";
const asLength = (v: string): ContentLength =>
  (CONTENT_LENGTHS as readonly string[]).includes(v) ? (v as ContentLength) : "medio";

/** A brand's tone, length and examples' "cleared at"; the defaults for no brand or no row. */
export async function getBrandContentSettings(brandId: string | null): Promise<BrandContentSettings> {
  if (!brandId) return DEFAULT_CONTENT_SETTINGS;
  const row = await getPrisma().brandContentSettings.findUnique({ where: { brandId } });
  if (!row) return DEFAULT_CONTENT_SETTINGS;
  return { tone: asTone(row.tone), length: asLength(row.length), examplesClearedAt: row.examplesClearedAt };
}

export async function updateBrandContentSettings(
  actor: SessionUser,
  input: { brandId: string; tone: ContentTone; length: ContentLength },
): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    await tx.brandContentSettings.upsert({
      where: { brandId: input.brandId },
      create: { brandId: input.brandId, tone: input.tone, length: input.length, updatedById: actor.id },
      update: { tone: input.tone, length: input.length, updatedById: actor.id },
    });
    await tx.auditLog.create({
      data: {
        userId: actor.id,
        action: "CONTENT_SETTINGS_CHANGED",
        entityType: "Brand",
        entityId: input.brandId,
        data: { tone: input.tone, length: input.length },
      },
    });
  });
}

/** "Limpar exemplos": the brand's edits and feedback so far no longer teach its prompts (the versions stay). */
export async function clearBrandExamples(actor: SessionUser, brandId: string): Promise<void> {
  await getPrisma().$transaction(async (tx) => {
    await tx.brandContentSettings.upsert({
      where: { brandId },
      create: { brandId, examplesClearedAt: new Date(), updatedById: actor.id },
      update: { examplesClearedAt: new Date(), updatedById: actor.id },
    });
    await tx.auditLog.create({
      data: { userId: actor.id, action: "CONTENT_EXAMPLES_CLEARED", entityType: "Brand", entityId: brandId },
    });
  });
}

/**
 * The brand's lessons, newest first: each person's edit (the version it was based on → the edit)
 * and each refinement (the feedback → the result), written after the examples were last cleared.
 */
export async function brandExampleCandidates(brandId: string, clearedAt: Date | null): Promise<FewShotExample[]> {
  const prisma = getPrisma();
  const rows = await prisma.contentVersion.findMany({
    where: {
      brandId,
      OR: [{ origin: "EDITED" }, { origin: "REFINED", feedback: { not: null } }],
      ...(clearedAt ? { createdAt: { gt: clearedAt } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: EXAMPLE_ROWS,
    select: {
      imageId: true,
      productId: true,
      origin: true,
      feedback: true,
      basedOnVersion: true,
      titulo: true,
      descricao: true,
    },
  });
  const bases = await prisma.contentVersion.findMany({
    where: {
      OR: rows
        .filter((r) => r.origin === "EDITED" && r.basedOnVersion !== null)
        .map((r) => ({ imageId: r.imageId, productId: r.productId, version: r.basedOnVersion! })),
    },
    select: { imageId: true, productId: true, version: true, titulo: true, descricao: true },
  });
  const baseOf = (r: (typeof rows)[number]) =>
    bases.find((b) => b.imageId === r.imageId && b.productId === r.productId && b.version === r.basedOnVersion) ?? null;
  return rows.map((r): FewShotExample => {
    if (r.origin === "REFINED")
      return { kind: "ajuste", pedido: r.feedback!, resultado: { titulo: r.titulo, descricao: r.descricao } };
    const base = baseOf(r);
    return {
      kind: "edicao",
      antes: base ? { titulo: base.titulo, descricao: base.descricao } : null,
      depois: { titulo: r.titulo, descricao: r.descricao },
    };
  });
}

/** The examples a brand's next prompt gets (what the settings panel shows). */
export async function brandFewShotExamples(brandId: string | null, clearedAt: Date | null): Promise<FewShotExample[]> {
  if (!brandId) return [];
  return selectFewShotExamples(await brandExampleCandidates(brandId, clearedAt));
}
