import { randomUUID } from "node:crypto";
import { getPrisma, type Prisma } from "@/lib/db/client";
import { normalizeSkuKey } from "@/lib/sku";
import { apiTokenFor } from "../../support/api-client";

/** Fixtures of the catalog tests: rows written directly, each image with the upload that brought it. */
export async function seedScope(brandName: string, collectionName: string) {
  const prisma = getPrisma();
  const brand = await prisma.brand.create({ data: { name: brandName, nameKey: brandName.toUpperCase() } });
  const collection = await prisma.collection.create({
    data: { brandId: brand.id, name: collectionName, nameKey: collectionName.toUpperCase() },
  });
  const batch = await prisma.batch.create({
    data: { name: `Lote ${collectionName}`, brandId: brand.id, collectionId: collection.id },
  });
  return { brand, collection, batch };
}

export type Scope = Awaited<ReturnType<typeof seedScope>>;

export async function seedProduct(
  sku: string,
  scope: Scope,
  fields: Omit<Prisma.ProductUncheckedCreateInput, "sku" | "skuKey"> = {},
) {
  return getPrisma().product.create({
    data: { sku, skuKey: normalizeSkuKey(sku), brandId: scope.brand.id, collectionId: scope.collection.id, ...fields },
  });
}

export async function seedImage(
  originalName: string,
  scope: Scope,
  fields: Partial<Omit<Prisma.ImageUncheckedCreateInput, "originalName">> = {},
) {
  const prisma = getPrisma();
  const id = randomUUID();
  const image = await prisma.image.create({
    data: {
      batchId: scope.batch.id,
      brandId: scope.brand.id,
      collectionId: scope.collection.id,
      originalName,
      storageKey: `test/${id}`,
      sha256: id.replace(/-/g, "").padEnd(64, "0"),
      contentType: "image/jpeg",
      bytes: BigInt(1000),
      processingStatus: "READY",
      ...fields,
    },
  });
  await prisma.batchUpload.create({
    data: {
      batchId: fields.batchId ?? scope.batch.id,
      clientUploadId: id,
      originalName,
      bytes: BigInt(1000),
      imageId: image.id,
    },
  });
  return image;
}

export type Auth = Awaited<ReturnType<typeof apiTokenFor>>;

export const params = <T>(value: T) => ({ params: Promise.resolve(value) });

export function getRequest(auth: Auth, path: string): Request {
  return new Request(`http://localhost${path}`, { headers: auth.headers });
}

export function patchRequest(auth: Auth, path: string, body: unknown): Request {
  return new Request(`http://localhost${path}`, {
    method: "PATCH",
    headers: { ...auth.headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
