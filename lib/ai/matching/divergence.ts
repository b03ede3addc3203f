import type { VisionReply } from "@/lib/ai/vision-schema";
import { contradicts, foldColor, foldGarment } from "./normalize";

export type DivergentField = "cor" | "tipo_peca";

/**
 * The carteira fields the AI answer disagrees with (*possível divergência*): the colour and the
 * garment type, compared after normalisation (lib/ai/matching/normalize.ts: accents, case,
 * plural/gender endings, a small explicit synonym table of families). A field is divergent only
 * when both sides name something the tables know and no family is shared — no carteira value, no AI
 * value, or a word the tables do not know (ESTAMPADO, a brand's own colour name) is not a
 * divergence. A secondary colour or a piece that agrees is agreement (the carteira SKU may be the
 * skirt of a photo whose main piece is the blouse).
 */
export function findDivergences(
  reply: VisionReply,
  carteira: { cor: string | null; tipoPeca: string | null } | null,
): DivergentField[] {
  if (!carteira) return [];
  const out: DivergentField[] = [];
  const diverges = (carteiraValue: string | null, aiValues: (string | null)[], fold: typeof foldColor) => {
    if (!carteiraValue?.trim()) return false;
    const theirs = fold(carteiraValue);
    const ours = aiValues.filter((v): v is string => !!v?.trim()).map(fold);
    if (ours.length === 0) return false;
    // Divergent only when every AI value that can be judged contradicts, and at least one can.
    const judged = ours.filter((o) => o.families.size > 0);
    return judged.length > 0 && theirs.families.size > 0 && judged.every((o) => contradicts(o, theirs));
  };
  if (diverges(carteira.cor, [reply.cor, ...reply.cores_secundarias, ...reply.pecas.map((p) => p.cor)], foldColor))
    out.push("cor");
  if (diverges(carteira.tipoPeca, [reply.tipo_peca, ...reply.pecas.map((p) => p.tipo_peca)], foldGarment))
    out.push("tipo_peca");
  return out;
}
