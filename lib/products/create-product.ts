import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prismaErrorKind } from "@/lib/api/prisma-errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";
import { resolveProductScope } from "./resolve-product-scope";
import type { CreateProductInput } from "./schemas";

/**
 * Creates one product by hand (the carteira import creates them in bulk). A taken SKU is a
 * CONFLICT. Photos waiting for this SKU are linked by the next reconciliation, not here.
 */
export async function createProduct(actor: SessionUser, input: CreateProductInput) {
  const skuKey = normalizeSkuKey(input.sku);
  if (!skuKey) throw new ApiError("VALIDATION_FAILED", "SKU inválido.");
  const scope = await resolveProductScope(input.brandId, input.collectionId);
  const prisma = getPrisma();
  try {
    return await prisma.$transaction(async (tx) => {
      const product = await tx.product.create({
        data: {
          sku: input.sku,
          skuKey,
          nomePeca: input.nomePeca,
          categoria: input.categoria,
          subcategoria: input.subcategoria,
          tipoPeca: input.tipoPeca,
          origem: input.origem,
          cor: input.cor,
          ...scope,
        },
      });
      await tx.skuHistory.create({
        data: { productId: product.id, sku: product.sku, action: "CREATE", userId: actor.id, newValue: product.sku },
      });
      await recordAudit(
        {
          userId: actor.id,
          action: "PRODUCT_CREATED",
          entityType: "Product",
          entityId: product.id,
          data: { sku: product.sku },
        },
        tx,
      );
      return product;
    });
  } catch (error) {
    if (prismaErrorKind(error) === "UNIQUE_VIOLATION")
      throw new ApiError("CONFLICT", `O SKU ${input.sku} já existe.`, { code: "SKU_TAKEN", sku: input.sku });
    throw error;
  }
}
