import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getEnv } from "@/lib/config/env";
import { getPrisma } from "@/lib/db/client";
import { isAboveThreshold } from "./candidates/score-text-candidates";
import { photoCodeSchema, type ImageText } from "./schemas";

/** What was read on one photo (aiOcrText, aiCodes) and its text/barcode candidates, best first. */
export async function getImageText(imageId: string): Promise<ImageText> {
  const image = await getPrisma().image.findUnique({
    where: { id: imageId },
    select: {
      id: true,
      aiOcrText: true,
      aiCodes: true,
      aiTextReadAt: true,
      aiTextEngine: true,
      textCandidates: {
        orderBy: [{ score: "desc" }, { productId: "asc" }],
        select: {
          score: true,
          reasons: true,
          evidence: true,
          product: { select: { id: true, sku: true, nomePeca: true } },
        },
      },
    },
  });
  if (!image) throw new ApiError("NOT_FOUND", "Foto não encontrada.");
  const threshold = getEnv().ANALYSIS_CONFIDENCE_THRESHOLD;
  const codes = photoCodeSchema.array().safeParse(image.aiCodes);
  return {
    imageId: image.id,
    text: image.aiTextReadAt ? (image.aiOcrText ?? "") : image.aiOcrText,
    codes: codes.success ? codes.data : [],
    readAt: image.aiTextReadAt?.toISOString() ?? null,
    engine: image.aiTextEngine,
    threshold,
    candidates: image.textCandidates.map((c) => ({
      productId: c.product.id,
      sku: c.product.sku,
      nomePeca: c.product.nomePeca,
      score: c.score,
      reasons: c.reasons.filter((r): r is "ocr_text" | "barcode" => r === "ocr_text" || r === "barcode"),
      evidence: c.evidence,
      aboveThreshold: isAboveThreshold(c.score, threshold),
    })),
  };
}
