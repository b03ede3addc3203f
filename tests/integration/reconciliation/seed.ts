import { randomUUID } from "node:crypto";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma, type MatchStatus, type ImageStatus, type ProcessingStatus } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";
import { createTestUser } from "../../support/users";

/** Small fixtures shared by the products / reconciliation / reports integration tests. */
export async function seedActor(role: "EDITOR" | "ADMIN" | "VIEWER" = "EDITOR"): Promise<SessionUser> {
  const u = await createTestUser(role);
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

export async function seedCollection(name = `Coleção ${randomUUID().slice(0, 6)}`, brandName = "Marca Teste") {
  const prisma = getPrisma();
  const brand = await prisma.brand.upsert({
    where: { nameKey: brandName.toUpperCase() },
    create: { name: brandName, nameKey: brandName.toUpperCase() },
    update: {},
  });
  const collection = await prisma.collection.create({ data: { brandId: brand.id, name, nameKey: name.toUpperCase() } });
  const batch = await prisma.batch.create({
    data: { name: `Lote ${name}`, brandId: brand.id, collectionId: collection.id },
  });
  return { brand, collection, batch };
}

export async function seedProduct(
  sku: string,
  scope: { brandId: string; collectionId: string } | null,
  extra: { nomePeca?: string; categoria?: string } = {},
) {
  return getPrisma().product.create({
    data: {
      sku,
      skuKey: normalizeSkuKey(sku),
      brandId: scope?.brandId ?? null,
      collectionId: scope?.collectionId ?? null,
      ...extra,
    },
  });
}

export async function seedImage(
  originalName: string,
  scope: { batchId: string; brandId: string | null; collectionId: string | null },
  fields: {
    matchStatus?: MatchStatus;
    productId?: string | null;
    skuBase?: string | null;
    sequence?: string | null;
    status?: ImageStatus;
    processingStatus?: ProcessingStatus;
    processingError?: string;
    aiDescription?: string;
    aiTags?: string[];
  } = {},
) {
  const id = randomUUID();
  return getPrisma().image.create({
    data: {
      batchId: scope.batchId,
      brandId: scope.brandId,
      collectionId: scope.collectionId,
      originalName,
      storageKey: `test/${id}`,
      sha256: id.replace(/-/g, "").padEnd(64, "0"),
      contentType: "image/jpeg",
      bytes: BigInt(1000),
      processingStatus: "READY",
      ...fields,
    },
  });
}

export const scopeOf = (s: { brand: { id: string }; collection: { id: string }; batch: { id: string } }) => ({
  batchId: s.batch.id,
  brandId: s.brand.id,
  collectionId: s.collection.id,
});
export const productScope = (s: { brand: { id: string }; collection: { id: string } }) => ({
  brandId: s.brand.id,
  collectionId: s.collection.id,
});
