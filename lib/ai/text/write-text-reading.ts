import { getPrisma, type MatchStatus, type Prisma } from "@/lib/db/client";
import { getAppSettings } from "@/lib/settings/app-settings";
import { findTextCandidates, type TextReading } from "./candidates/find-text-candidates";
import { TEXT_SCORES, type TextCandidate } from "./candidates/score-text-candidates";

/** Photos auto-linking may settle: nobody decided and no product (as RECONCILABLE_STATUSES). */
const AUTO_LINK_STATUSES: MatchStatus[] = ["PENDING", "UNMATCHED", "AMBIGUOUS"];

export type TextReadingOutcome = {
  candidates: TextCandidate[];
  damagedCodes: { format: string; text: string }[];
  /** The SKU the photo was auto-linked to (exact barcode, setting on), or null. */
  autoLinked: { productId: string; sku: string } | null;
  /** False when the photo already had a product: its candidates were left as they were. */
  refreshed: boolean;
};

/**
 * Stores what was read on a photo (aiOcrText, aiCodes, when, which engine) and, for a photo without
 * a product, replaces its text candidates (ImageTextCandidate) with the ones this reading gives.
 * With the ADMIN setting `autoLinkExactBarcode` on, a photo nobody decided whose barcodes name
 * exactly one SKU of its scope by EAN (check digit valid) is linked to it as a manual decision would
 * (MANUAL, decided by the admin who turned the setting on, audited IMAGE_MATCH_AUTO_LINKED); with it
 * off, nothing is linked. One transaction: a crash leaves the previous reading whole.
 */
export async function writeTextReading(
  imageId: string,
  reading: TextReading & { engine: string },
  opts: {
    runId?: string | null;
    now?: Date;
    /** Called in the same transaction once everything is written (a run step records itself done there). */
    onWritten?: (tx: Prisma.TransactionClient, outcome: TextReadingOutcome) => Promise<void>;
  } = {},
): Promise<TextReadingOutcome | null> {
  const now = opts.now ?? new Date();
  return getPrisma().$transaction(async (tx) => {
    const image = await tx.image.findUnique({
      where: { id: imageId },
      select: { id: true, productId: true, matchStatus: true, collectionId: true, brandId: true },
    });
    if (!image) return null;
    await tx.image.update({
      where: { id: imageId },
      data: {
        aiOcrText: reading.text,
        aiCodes: reading.codes.map((c) => ({ format: c.format, text: c.text })),
        aiTextReadAt: now,
        aiTextEngine: reading.engine,
      },
    });
    const { candidates, damagedCodes } = await findTextCandidates(image, reading, tx);
    const done = async (outcome: TextReadingOutcome) => {
      await opts.onWritten?.(tx, outcome);
      return outcome;
    };
    if (image.productId) return done({ candidates, damagedCodes, autoLinked: null, refreshed: false });
    await tx.imageTextCandidate.deleteMany({ where: { imageId } });
    if (candidates.length > 0)
      await tx.imageTextCandidate.createMany({
        data: candidates.map((c) => ({
          imageId,
          productId: c.productId,
          score: c.score,
          reasons: c.reasons,
          evidence: c.evidence,
        })),
      });
    const autoLinked = AUTO_LINK_STATUSES.includes(image.matchStatus)
      ? await autoLinkExactBarcode(tx, image, candidates, { runId: opts.runId ?? null, now })
      : null;
    return done({ candidates, damagedCodes, autoLinked, refreshed: true });
  });
}

async function autoLinkExactBarcode(
  tx: Prisma.TransactionClient,
  image: { id: string; matchStatus: MatchStatus },
  candidates: TextCandidate[],
  ctx: { runId: string | null; now: Date },
): Promise<{ productId: string; sku: string } | null> {
  if (!(await getAppSettings(tx)).autoLinkExactBarcode) return null;
  const exact = candidates.filter((c) => c.reasons.includes("barcode") && c.score >= TEXT_SCORES.barcodeGtin);
  // Two SKUs with the same EAN in the scope: not exact, a person chooses.
  if (exact.length !== 1) return null;
  const target = exact[0]!;
  const setting = await tx.appSetting.findUnique({
    where: { key: "autoLinkExactBarcode" },
    select: { updatedById: true },
  });
  const decidedBy = setting?.updatedById ?? null;
  const linked = await tx.image.updateMany({
    where: { id: image.id, productId: null, matchStatus: { in: AUTO_LINK_STATUSES } },
    data: {
      productId: target.productId,
      matchStatus: "MANUAL",
      matchScore: null,
      matchDecidedById: decidedBy,
      matchDecidedAt: ctx.now,
    },
  });
  if (linked.count === 0) return null;
  await tx.auditLog.create({
    data: {
      userId: decidedBy,
      action: "IMAGE_MATCH_AUTO_LINKED",
      entityType: "Image",
      entityId: image.id,
      data: {
        from: { matchStatus: image.matchStatus, productId: null },
        to: { matchStatus: "MANUAL", productId: target.productId, sku: target.sku },
        via: "barcode",
        evidence: target.evidence,
        runId: ctx.runId,
      },
    },
  });
  return { productId: target.productId, sku: target.sku };
}
