import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/roles";
import { getPrisma } from "@/lib/db/client";
import { nameKey } from "./name-key";
import type {
  brandInputSchema,
  brandSchema,
  collectionInputSchema,
  collectionListItemSchema,
  collectionSchema,
} from "./schemas";

type BrandView = z.infer<typeof brandSchema>;

export async function listBrands(): Promise<BrandView[]> {
  const brands = await getPrisma().brand.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
  return brands.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() }));
}

export async function listCollections(brandId?: string): Promise<z.infer<typeof collectionListItemSchema>[]> {
  const collections = await getPrisma().collection.findMany({
    where: brandId ? { brandId } : undefined,
    orderBy: [{ brand: { name: "asc" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      season: true,
      year: true,
      brandId: true,
      brand: { select: { name: true } },
      createdAt: true,
    },
  });
  return collections.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() }));
}

/** Creates a brand, or returns the existing one with the same name key (idempotent for inline creation). */
export async function findOrCreateBrand(
  actor: SessionUser,
  input: z.infer<typeof brandInputSchema>,
): Promise<BrandView> {
  const key = nameKey(input.name);
  if (!key) throw new ApiError("VALIDATION_FAILED", "Nome de marca inválido.");
  const brand = await getPrisma().brand.upsert({
    where: { nameKey: key },
    create: { name: input.name, nameKey: key },
    update: {},
  });
  await recordAudit({
    userId: actor.id,
    action: "BRAND_UPSERT",
    entityType: "Brand",
    entityId: brand.id,
    data: { name: brand.name },
  });
  return { id: brand.id, name: brand.name, createdAt: brand.createdAt.toISOString() };
}

export async function findOrCreateCollection(
  actor: SessionUser,
  input: z.infer<typeof collectionInputSchema>,
): Promise<z.infer<typeof collectionSchema>> {
  const key = nameKey(input.name);
  if (!key) throw new ApiError("VALIDATION_FAILED", "Nome de coleção inválido.");
  const brand = await getPrisma().brand.findUnique({ where: { id: input.brandId } });
  if (!brand) throw new ApiError("NOT_FOUND", "Marca não encontrada.");
  const collection = await getPrisma().collection.upsert({
    where: { brandId_nameKey: { brandId: brand.id, nameKey: key } },
    create: { brandId: brand.id, name: input.name, nameKey: key, season: input.season, year: input.year },
    update: {},
  });
  await recordAudit({
    userId: actor.id,
    action: "COLLECTION_UPSERT",
    entityType: "Collection",
    entityId: collection.id,
    data: { name: collection.name, brandId: brand.id },
  });
  return {
    id: collection.id,
    name: collection.name,
    brandId: collection.brandId,
    season: collection.season,
    year: collection.year,
  };
}
