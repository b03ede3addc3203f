import { describe, expect, it } from "vitest";
import { AiCallError } from "@/lib/ai/errors";
import { MAX_PIECES } from "@/lib/ai/fields";
import { parseVisionReply, type VisionPiece } from "@/lib/ai/vision-schema";

const piece = (i: number, extra: Partial<VisionPiece> = {}): VisionPiece => ({
  tipo_peca: `peça ${i}`,
  cor: "AZUL",
  material: "algodão",
  descricao: `descrição ${i}`,
  confianca: 0.8,
  bbox: { x: 0.1, y: 0.1, width: 0.3, height: 0.3 },
  ...extra,
});

const reply = (extra: Record<string, unknown> = {}) => ({
  descricao: "Vestido azul de algodão",
  tags: ["vestido", "azul"],
  cor: "AZUL",
  cores_secundarias: ["BRANCO"],
  material: "algodão",
  tipo_peca: "VESTIDO",
  estilo: "casual",
  confianca: { descricao: 0.9, tags: 0.8, cor: 0.95, material: 0.6, tipo_peca: 0.9, estilo: 0.5 },
  pecas: [piece(1)],
  ...extra,
});

function invalidReply(raw: unknown): AiCallError {
  try {
    parseVisionReply(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(AiCallError);
    expect((error as AiCallError).kind).toBe("invalid_reply");
    return error as AiCallError;
  }
  throw new Error("expected invalid_reply");
}

describe("parseVisionReply", () => {
  it("accepts a complete reply as text or as an object, without warnings", () => {
    expect(parseVisionReply(JSON.stringify(reply()))).toEqual({ reply: reply(), warnings: [] });
    expect(parseVisionReply(reply())).toEqual({ reply: reply(), warnings: [] });
  });

  it("reads JSON inside a Markdown fence (JSON-mode servers add one)", () => {
    expect(parseVisionReply("```json\n" + JSON.stringify(reply()) + "\n```").reply.cor).toBe("AZUL");
  });

  it("keeps the first 4 of 9 pieces and says so in pt-BR", () => {
    const nine = Array.from({ length: 9 }, (_, i) => piece(i + 1));
    const parsed = parseVisionReply(reply({ pecas: nine }));
    expect(parsed.reply.pecas).toHaveLength(MAX_PIECES);
    expect(parsed.reply.pecas.map((p) => p.descricao)).toEqual(nine.slice(0, 4).map((p) => p.descricao));
    expect(parsed.warnings).toEqual(["9 peças detectadas: mantidas 4"]);
  });

  it("clamps confidences and boxes into 0–1 and keeps boxes inside the photo", () => {
    const parsed = parseVisionReply(
      reply({
        confianca: { descricao: 1.4, tags: -0.2, cor: 0.5, material: null, tipo_peca: 1, estilo: 0 },
        pecas: [piece(1, { confianca: 7, bbox: { x: -0.1, y: 0.8, width: 1.5, height: 0.5 } })],
      }),
    );
    expect(parsed.reply.confianca).toEqual({
      descricao: 1,
      tags: 0,
      cor: 0.5,
      material: null,
      tipo_peca: 1,
      estilo: 0,
    });
    expect(parsed.reply.pecas[0]!.confianca).toBe(1);
    expect(parsed.reply.pecas[0]!.bbox).toEqual({ x: 0, y: 0.8, width: 1, height: expect.closeTo(0.2, 10) });
    expect(parsed.warnings).toEqual(["4 valor(es) de confiança ou caixa fora de 0–1 ajustado(s)"]);
  });

  it("drops a box with nothing left inside the photo (pixel coordinates) instead of inventing one", () => {
    const parsed = parseVisionReply(
      reply({ pecas: [piece(1, { bbox: { x: 340, y: 120, width: 200, height: 400 } })] }),
    );
    expect(parsed.reply.pecas[0]!.bbox).toBeNull();
    expect(parsed.warnings).toHaveLength(1);
  });

  it("refuses a reply that is not JSON", () => {
    expect(invalidReply("Desculpe, não consigo descrever esta imagem.").message).toMatch(/não é um JSON válido/);
    expect(invalidReply("[1, 2]").message).toMatch(/não é um objeto JSON/);
  });

  it("names the missing fields of an incomplete reply", () => {
    const error = invalidReply(JSON.stringify({ descricao: "Vestido azul", tags: ["vestido"] }));
    expect(error.message).toMatch(/campos ausentes: .*cor/);
    expect(error.message).toMatch(/pecas/);
    expect(error.message).toMatch(/nada foi gravado/);
  });

  it("refuses fields of the wrong type rather than guessing", () => {
    const error = invalidReply(reply({ tags: "vestido, azul" }));
    expect(error.message).toMatch(/fora do formato: tags/);
    invalidReply(reply({ pecas: [piece(1, { bbox: { x: "0.1", y: 0, width: 1, height: 1 } as never })] }));
  });
});
