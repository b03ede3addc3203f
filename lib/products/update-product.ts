import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prismaErrorKind } from "@/lib/api/prisma-errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, Prisma } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";
import { resolveProductScope } from "./resolve-product-scope";
import { CARTEIRA_FIELDS, type UpdateProductInput } from "./schemas";

type HistoryRow = { action: "RENAME" | "UPDATE"; field: string; oldValue: string | null; newValue: string | null };

/**
 * Edits a product's SKU and carteira fields, one history row per changed field (RENAME for the
 * SKU). Photos link by productId, so a renamed SKU keeps its photos. Renaming onto an existing
 * SKU is a CONFLICT. Returns the number of changed fields (0 = nothing to do, nothing written).
 */
export async function updateProduct(actor: SessionUser, productId: string, input: UpdateProductInput) {
  const prisma = getPrisma();
  const current = await prisma.product.findUnique({ where: { id: productId } });
  if (!current) throw new ApiError("NOT_FOUND", "Produto não encontrado.");

  const data: Prisma.ProductUncheckedUpdateInput = {};
  const history: HistoryRow[] = [];
  if (input.sku !== undefined && input.sku !== current.sku) {
    const skuKey = normalizeSkuKey(input.sku);
    if (!skuKey) throw new ApiError("VALIDATION_FAILED", "SKU inválido.");
    data.sku = input.sku;
    data.skuKey = skuKey;
    history.push({ action: "RENAME", field: "sku", oldValue: current.sku, newValue: input.sku });
  }
  for (const field of CARTEIRA_FIELDS) {
    const next = input[field];
    if (next !== undefined && next !== current[field]) {
      data[field] = next;
      history.push({ action: "UPDATE", field, oldValue: current[field], newValue: next });
    }
  }
  if (input.brandId !== undefined || input.collectionId !== undefined) {
    const collectionId = input.collectionId !== undefined ? input.collectionId : current.collectionId;
    const brandId = input.brandId !== undefined ? input.brandId : input.collectionId ? null : current.brandId;
    const scope = await resolveProductScope(brandId, collectionId);
    for (const field of ["brandId", "collectionId"] as const) {
      if (scope[field] !== current[field]) {
        data[field] = scope[field];
        history.push({ action: "UPDATE", field, oldValue: current[field], newValue: scope[field] });
      }
    }
  }
  if (history.length === 0) return { product: current, changes: 0 };

  const sku = (data.sku as string | undefined) ?? current.sku;
  try {
    const product = await prisma.$transaction(async (tx) => {
      const updated = await tx.product.update({ where: { id: productId }, data });
      await tx.skuHistory.createMany({ data: history.map((h) => ({ ...h, productId, sku, userId: actor.id })) });
      await recordAudit(
        {
          userId: actor.id,
          action: "PRODUCT_UPDATED",
          entityType: "Product",
          entityId: productId,
          data: { changes: history },
        },
        tx,
      );
      return updated;
    });
    return { product, changes: history.length };
  } catch (error) {
    if (prismaErrorKind(error) === "UNIQUE_VIOLATION")
      throw new ApiError("CONFLICT", `O SKU ${input.sku} já existe.`, { code: "SKU_TAKEN", sku: input.sku });
    if (prismaErrorKind(error) === "NOT_FOUND") throw new ApiError("NOT_FOUND", "Produto não encontrado.");
    throw error;
  }
}
