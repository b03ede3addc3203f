import { describe, expect, it } from "vitest";
import { backoffDelayMs, BACKOFF_BASE_MS, BACKOFF_CAP_MS } from "@/lib/ai/runs/backoff";
import { planAnalysisWrite, type StoredAiColumns } from "@/lib/ai/runs/plan-analysis-write";
import type { VisionReply } from "@/lib/ai/vision-schema";

const reply: VisionReply = {
  descricao: "Vestido midi vermelho",
  tags: ["vestido", "midi"],
  cor: "VERMELHO",
  cores_secundarias: ["PRETO"],
  material: "viscose",
  tipo_peca: "VESTIDO",
  estilo: "casual",
  confianca: { descricao: 0.9, tags: 0.8, cor: 0.95, material: 0.6, tipo_peca: 0.9, estilo: 0.5 },
  pecas: [
    {
      tipo_peca: "VESTIDO",
      cor: "VERMELHO",
      material: "viscose",
      descricao: "vestido",
      confianca: 0.9,
      bbox: { x: 0.1, y: 0.1, width: 0.5, height: 0.8 },
    },
  ],
};

const empty: StoredAiColumns = {
  aiDescription: null,
  aiTags: [],
  aiColor: null,
  aiSecondaryColors: [],
  aiTipoPeca: null,
  aiMaterial: null,
  aiStyle: null,
  aiManualFields: [],
  aiConfidence: null,
};

describe("planAnalysisWrite (field separation)", () => {
  it("writes only the AI columns of the requested fields", () => {
    const plan = planAnalysisWrite({
      reply,
      fields: ["cor", "tipo"],
      overwriteManual: false,
      stored: empty,
      storedPieces: [],
    });
    expect(plan.columns).toEqual({ aiColor: "VERMELHO", aiSecondaryColors: ["PRETO"], aiTipoPeca: "VESTIDO" });
    expect(plan.pieces).toBeNull();
    expect(plan.aiConfidence).toEqual({ cor: 0.95, tipo_peca: 0.9 });
  });

  it("never names a carteira column, whatever is asked", () => {
    const plan = planAnalysisWrite({
      reply,
      fields: ["descricao", "tags", "cor", "tipo", "material", "estilo", "pecas"],
      overwriteManual: true,
      stored: empty,
      storedPieces: [],
    });
    for (const column of Object.keys(plan.columns)) expect(column).toMatch(/^ai[A-Z]/);
    expect(Object.keys(plan.columns)).not.toEqual(expect.arrayContaining(["cor", "tipoPeca", "nomePeca", "categoria"]));
  });

  it("keeps a manual edit with a warning, unless told to overwrite (then it is no longer manual)", () => {
    const stored = { ...empty, aiColor: "AZUL", aiManualFields: ["aiColor"] };
    const kept = planAnalysisWrite({ reply, fields: ["cor"], overwriteManual: false, stored, storedPieces: [] });
    expect(kept.columns).toEqual({ aiSecondaryColors: ["PRETO"] });
    expect(kept.warnings).toEqual(["Cor: editado à mão: mantido."]);
    expect(kept.aiManualFields).toEqual(["aiColor"]);
    expect(kept.effective.cor).toBe("AZUL");
    const over = planAnalysisWrite({ reply, fields: ["cor"], overwriteManual: true, stored, storedPieces: [] });
    expect(over.columns.aiColor).toBe("VERMELHO");
    expect(over.aiManualFields).toEqual([]);
    expect(over.warnings).toEqual([]);
  });

  it("an empty answer for a field leaves the stored value", () => {
    const stored = { ...empty, aiDescription: "Escrita antes" };
    const plan = planAnalysisWrite({
      reply: { ...reply, descricao: null, pecas: [] },
      fields: ["descricao", "pecas"],
      overwriteManual: false,
      stored,
      storedPieces: [],
    });
    expect(plan.columns).toEqual({});
    expect(plan.pieces).toBeNull();
    expect(plan.effective.descricao).toBe("Escrita antes");
  });

  it("pieces: at most four, positions 1..n, with a warning for the rest", () => {
    const nine = Array.from({ length: 9 }, () => reply.pecas[0]!);
    const plan = planAnalysisWrite({
      reply: { ...reply, pecas: nine },
      fields: ["pecas"],
      overwriteManual: false,
      stored: empty,
      storedPieces: [],
    });
    expect(plan.pieces?.map((p) => p.position)).toEqual([1, 2, 3, 4]);
    expect(plan.pieces?.[0]).toMatchObject({ category: "VESTIDO", color: "VERMELHO", confidence: 0.9 });
    expect(plan.warnings).toEqual(["9 peças detectadas: mantidas 4."]);
  });
});

describe("backoffDelayMs (full jitter)", () => {
  it("stays within [0, min(cap, base × 2^(n−1)))", () => {
    expect(backoffDelayMs(1, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS);
    expect(backoffDelayMs(3, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS * 4);
    expect(backoffDelayMs(3, () => 0.999)).toBeGreaterThan(BACKOFF_BASE_MS * 3.9);
    expect(backoffDelayMs(20, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelayMs(20, () => 0.999)).toBeGreaterThan(BACKOFF_CAP_MS * 0.99);
    expect(backoffDelayMs(5, () => 0)).toBe(0);
  });
});
