import type { VisionField } from "@/lib/ai/fields";
import { visionReplySchema, type ParsedVisionReply, type VisionReply } from "@/lib/ai/vision-schema";
import { nearestColorName, type Lab } from "./color-names";

/**
 * The embedded analyser used when no API key is configured ("análise local"). It names the photo's
 * colours in the carteira's pt-BR words from the dominant colours computed at ingest
 * (lib/images/analyze-image.ts: up to five `#rrggbb`, most frequent first) and nothing else: no
 * npm package ships garment-type weights that run offline (see the AI section of the toolchain
 * notes), so description, tags, type, material, style and pieces stay empty, and every reply says
 * it is local — it never pretends to be the vision model.
 */

/** The label the UI and the run log show for these results. */
export const LOCAL_ANALYSIS_LABEL = "análise local";
/** What to store as the "model" of a local analysis (Image.aiModel, AiRunItem). */
export const LOCAL_ANALYSER_MODEL = "local-cores-v1";

/** A pixel statistic cannot tell the garment from the background: confidences stay at most this. */
const MAX_LOCAL_CONFIDENCE = 0.6;
/** A CIEDE2000 distance at which a palette name no longer describes the colour at all. */
const DISTANCE_FOR_ZERO_CONFIDENCE = 25;
/** How much each later (less frequent) dominant colour counts against the first one. */
const RANK_WEIGHTS = [1, 0.85, 0.7, 0.6, 0.5];
const MAX_SECONDARY = 4;

const FIELD_LABELS: Record<Exclude<VisionField, "cor">, string> = {
  descricao: "descrição",
  tags: "tags",
  tipo: "tipo",
  material: "material",
  estilo: "estilo",
  pecas: "peças",
};

function dominantHexes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string" && /^#[0-9a-f]{6}$/i.test(v)).slice(0, 5);
}

/** A light neutral (studio background, paper): very light and nearly without chroma. */
function isLightNeutral(lab: Lab): boolean {
  return lab.l >= 90 && Math.hypot(lab.a, lab.b) <= 8;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function analyzeLocally(
  image: { dominantColors: unknown; width: number | null; height: number | null },
  fields: VisionField[],
): Promise<ParsedVisionReply> {
  const warnings = [
    `${LOCAL_ANALYSIS_LABEL[0]!.toUpperCase()}${LOCAL_ANALYSIS_LABEL.slice(1)}: cores calculadas a partir dos pixels da foto, sem modelo de visão.`,
  ];
  const notFilled = fields.filter((f): f is Exclude<VisionField, "cor"> => f !== "cor").map((f) => FIELD_LABELS[f]);
  if (notFilled.length > 0) warnings.push(`A análise local não preenche: ${notFilled.join(", ")}.`);

  let cor: string | null = null;
  let corConfidence: number | null = null;
  const secondary: string[] = [];
  if (fields.includes("cor")) {
    const named = dominantHexes(image.dominantColors).flatMap((hex, rank) => {
      const nearest = nearestColorName(hex);
      return nearest ? [{ ...nearest, rank }] : [];
    });
    if (named.length === 0) warnings.push("A foto não tem cores dominantes calculadas: cor não definida.");
    // Leading light neutrals are most likely the background when something else is in the photo.
    let first = 0;
    while (first < named.length - 1 && isLightNeutral(named[first]!.lab)) first++;
    if (first > 0) warnings.push("Fundo claro desconsiderado na cor principal.");
    const kept = named.slice(first);
    const main = kept[0];
    if (main) {
      cor = main.name;
      const closeness = Math.max(0, 1 - main.deltaE / DISTANCE_FOR_ZERO_CONFIDENCE);
      corConfidence = round2(MAX_LOCAL_CONFIDENCE * closeness * RANK_WEIGHTS[main.rank]!);
      for (const c of kept.slice(1))
        if (c.name !== cor && !secondary.includes(c.name) && secondary.length < MAX_SECONDARY) secondary.push(c.name);
    }
  }

  const reply: VisionReply = {
    descricao: null,
    tags: [],
    cor,
    cores_secundarias: secondary,
    material: null,
    tipo_peca: null,
    estilo: null,
    confianca: { descricao: null, tags: null, cor: corConfidence, material: null, tipo_peca: null, estilo: null },
    pecas: [],
  };
  return { reply: visionReplySchema.parse(reply), warnings };
}
