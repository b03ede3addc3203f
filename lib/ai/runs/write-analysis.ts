import { visionFieldsOf, type AiField, type AiSource } from "@/lib/ai/fields";
import { findDivergences } from "@/lib/ai/matching/divergence";
import { suggestProductsForImage } from "@/lib/ai/matching/suggest-products";
import type { VisionReply } from "@/lib/ai/vision-schema";
import { getPrisma, Prisma } from "@/lib/db/client";
import { planAnalysisWrite, type PlannedPiece } from "./plan-analysis-write";
import { completeStep, type ClaimedItem, type ItemUsage } from "./run-items";

export type AnalysisResult = {
  reply: VisionReply;
  /** From the reply's checks (e.g. "9 peças detectadas: mantidas 4") and the analyser. */
  warnings: string[];
  source: AiSource;
  usage: ItemUsage;
};

/**
 * Writes one photo's analysis — FIELD SEPARATION is enforced here, where AI data is written: one
 * transaction that locks the photo, writes only the AI columns planned by planAnalysisWrite (never
 * a carteira column: Product is only read), replaces the pieces (ImageItem) when `pecas` was asked,
 * records the divergences from the carteira (*possível divergência*), clears an earlier AI error,
 * moves a photo waiting in "Pendente Análise IA" to "Pendente" (audited), proposes SKUs for a photo
 * without a product ("sugestão IA"), and records the vision step done (the photo's success when it is the last step) with the run's counters. Throws
 * ClaimLostError (and writes nothing) when another worker took the photo over meanwhile.
 */
export async function writeAnalysis(input: {
  item: ClaimedItem;
  run: { id: string; fields: AiField[]; overwriteManual: boolean; createdById: string | null };
  result: AnalysisResult;
  attemptsMade: number;
  /** The vision step is the photo's last (no `texto`/`conteudo` asked): the photo succeeds with it. */
  isLastStep: boolean;
}): Promise<{ warnings: string[] }> {
  const { item, run, result, attemptsMade, isLastStep } = input;
  return getPrisma().$transaction(async (tx) => {
    // NO KEY UPDATE (the photo's key never changes here): a row inserted elsewhere that points at
    // the photo (a duplicate pair, an AI call, a piece) holds a key-share lock on it until its
    // commit, which FOR UPDATE would wait for (bench:ai: writes timed out behind the duplicate check).
    await tx.$queryRaw`SELECT 1 FROM "Image" WHERE "id" = ${item.imageId}::uuid FOR NO KEY UPDATE`;
    const image = await tx.image.findUniqueOrThrow({
      where: { id: item.imageId },
      select: {
        id: true,
        status: true,
        collectionId: true,
        brandId: true,
        productId: true,
        aiDescription: true,
        aiTags: true,
        aiColor: true,
        aiSecondaryColors: true,
        aiTipoPeca: true,
        aiMaterial: true,
        aiStyle: true,
        aiManualFields: true,
        aiConfidence: true,
        product: { select: { cor: true, tipoPeca: true } },
        items: {
          orderBy: { position: "asc" },
          select: {
            position: true,
            category: true,
            color: true,
            material: true,
            description: true,
            boundingBox: true,
            confidence: true,
          },
        },
      },
    });
    const plan = planAnalysisWrite({
      reply: result.reply,
      fields: visionFieldsOf(run.fields),
      overwriteManual: run.overwriteManual,
      stored: image,
      storedPieces: image.items.map((p) => ({ ...p, boundingBox: p.boundingBox as PlannedPiece["boundingBox"] })),
    });
    const warnings = [...result.warnings, ...plan.warnings];
    const moveToPendente = image.status === "PENDENTE_ANALISE_IA";
    await tx.image.update({
      where: { id: image.id },
      data: {
        ...(plan.columns as Prisma.ImageUpdateInput),
        aiManualFields: plan.aiManualFields,
        aiConfidence: plan.aiConfidence,
        aiDivergences: findDivergences(plan.effective, image.product),
        aiSource: result.source,
        aiModel: result.usage.model,
        aiAnalyzedAt: new Date(),
        aiError: null,
        aiErrorCode: null,
        ...(moveToPendente ? { status: "PENDENTE" } : {}),
      },
    });
    if (plan.pieces) {
      await tx.imageItem.deleteMany({ where: { imageId: image.id } });
      await tx.imageItem.createMany({
        data: plan.pieces.map((p) => ({
          imageId: image.id,
          position: p.position,
          category: p.category,
          color: p.color,
          material: p.material,
          description: p.description,
          boundingBox: p.boundingBox ?? Prisma.DbNull,
          confidence: p.confidence,
        })),
      });
    }
    if (moveToPendente)
      await tx.auditLog.create({
        data: {
          userId: run.createdById,
          action: "IMAGE_STATUS_CHANGED",
          entityType: "Image",
          entityId: image.id,
          data: { from: "PENDENTE_ANALISE_IA", to: "PENDENTE", aiRunId: run.id },
        },
      });
    if (!image.productId)
      await suggestProductsForImage(
        tx,
        { id: image.id, collectionId: image.collectionId, brandId: image.brandId },
        plan.effective,
      );
    await completeStep(tx, item, { step: "vision", isLast: isLastStep, attemptsMade, warnings, usage: result.usage });
    return { warnings };
  });
}
