import "server-only";
import { getPrisma } from "@/lib/db/client";
import { brandFewShotExamples, getBrandContentSettings } from "./brand-content-settings";
import type { FewShotExample } from "./few-shot";
import type { ContentLength, ContentTone } from "./schemas";

export type BrandContentSettingsView = {
  brandId: string;
  brandName: string;
  tone: ContentTone;
  length: ContentLength;
  examplesClearedAt: string | null;
  /** What the brand's next prompt gets as few-shot examples. */
  examples: FewShotExample[];
};

/** Configurações → Conteúdo por marca: every brand with its settings and its current examples. */
export async function listBrandContentSettings(): Promise<BrandContentSettingsView[]> {
  const brands = await getPrisma().brand.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 500,
  });
  return Promise.all(
    brands.map(async (brand) => {
      const settings = await getBrandContentSettings(brand.id);
      return {
        brandId: brand.id,
        brandName: brand.name,
        tone: settings.tone,
        length: settings.length,
        examplesClearedAt: settings.examplesClearedAt?.toISOString() ?? null,
        examples: await brandFewShotExamples(brand.id, settings.examplesClearedAt),
      };
    }),
  );
}
