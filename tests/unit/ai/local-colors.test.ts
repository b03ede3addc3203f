import { describe, expect, it } from "vitest";
import { VISION_FIELDS } from "@/lib/ai/fields";
import { analyzeLocally, LOCAL_ANALYSIS_LABEL } from "@/lib/ai/local/analyze-locally";
import { deltaE2000, FASHION_PALETTE, nearestColorName, srgbToLab } from "@/lib/ai/local/color-names";
import { visionReplySchema } from "@/lib/ai/vision-schema";

describe("sRGB → CIELAB and CIEDE2000", () => {
  it("converts reference colours (D65)", () => {
    const white = srgbToLab(255, 255, 255);
    expect(white.l).toBeCloseTo(100, 2);
    expect(white.a).toBeCloseTo(0, 2);
    expect(white.b).toBeCloseTo(0, 2);
    const red = srgbToLab(255, 0, 0);
    expect(red.l).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
    expect(srgbToLab(0, 0, 0).l).toBeCloseTo(0, 5);
  });

  it("matches Sharma, Wu & Dalal's CIEDE2000 test pairs", () => {
    expect(deltaE2000({ l: 50, a: 2.6772, b: -79.7751 }, { l: 50, a: 0, b: -82.7485 })).toBeCloseTo(2.0425, 4);
    expect(deltaE2000({ l: 50, a: 2.5, b: 0 }, { l: 73, a: 25, b: -18 })).toBeCloseTo(27.1492, 4);
    expect(deltaE2000({ l: 60.2574, a: -34.0099, b: 36.2677 }, { l: 60.4626, a: -34.1751, b: 39.4387 })).toBeCloseTo(
      1.2644,
      4,
    );
    expect(deltaE2000({ l: 22.7233, a: 20.0904, b: -46.694 }, { l: 23.0331, a: 14.973, b: -42.5619 })).toBeCloseTo(
      2.0373,
      4,
    );
  });
});

describe("nearest pt-BR colour name", () => {
  it.each([
    ["#000000", "PRETO"],
    ["#ffffff", "BRANCO"],
    ["#c42626", "VERMELHO"],
    ["#ff0000", "VERMELHO"],
    ["#000080", "AZUL MARINHO"],
    ["#1565c0", "AZUL"],
    ["#87ceeb", "AZUL CLARO"],
    ["#800020", "VINHO"],
    ["#808080", "CINZA"],
    ["#556b2f", "VERDE MILITAR"],
    ["#228b22", "VERDE"],
    ["#ffeb3b", "AMARELO"],
    ["#e1ad01", "MOSTARDA"],
    ["#ff8c00", "LARANJA"],
    ["#ffc0cb", "ROSA"],
    ["#800080", "ROXO"],
    ["#d2b48c", "BEGE"],
    ["#f5f5dc", "OFF WHITE"],
  ])("%s → %s", (hex, name) => {
    expect(nearestColorName(hex)?.name).toBe(name);
  });

  it("uses perceptual distance, not RGB: a dark navy is AZUL MARINHO although PRETO is nearer in RGB", () => {
    const hex = "#111133";
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const rgbDistance = (a: string, b: string) => Math.hypot(...rgb(a).map((v, i) => v - rgb(b)[i]!));
    const hexOf = (name: string) => FASHION_PALETTE.find((p) => p.name === name)!.hex;
    expect(rgbDistance(hex, hexOf("PRETO"))).toBeLessThan(rgbDistance(hex, hexOf("AZUL MARINHO")));
    expect(nearestColorName(hex)?.name).toBe("AZUL MARINHO");
  });

  it("every palette swatch is its own nearest name, and malformed input is no colour", () => {
    for (const entry of FASHION_PALETTE) expect(nearestColorName(entry.hex)?.name).toBe(entry.name);
    expect(nearestColorName("azul")).toBeNull();
    expect(nearestColorName("#12345")).toBeNull();
  });
});

describe("analyzeLocally", () => {
  const image = (dominantColors: unknown) => ({ dominantColors, width: 800, height: 1200 });

  it("names the main and secondary colours, says it is local and leaves every other field empty", async () => {
    const { reply, warnings } = await analyzeLocally(image(["#c42626", "#1e2a46", "#c02a2a", "#151515"]), [
      ...VISION_FIELDS,
    ]);
    expect(visionReplySchema.parse(reply)).toEqual(reply);
    expect(reply.cor).toBe("VERMELHO");
    expect(reply.cores_secundarias).toEqual(["AZUL MARINHO", "PRETO"]);
    expect(reply.confianca.cor).toBeGreaterThan(0.5);
    expect(reply.confianca.cor).toBeLessThanOrEqual(0.6);
    expect(reply).toMatchObject({
      descricao: null,
      tags: [],
      material: null,
      tipo_peca: null,
      estilo: null,
      pecas: [],
    });
    expect(reply.confianca).toMatchObject({
      descricao: null,
      tags: null,
      material: null,
      tipo_peca: null,
      estilo: null,
    });
    expect(warnings[0]).toMatch(new RegExp(LOCAL_ANALYSIS_LABEL, "i"));
    expect(warnings.join(" ")).toContain("não preenche: descrição, tags, tipo, material, estilo, peças");
  });

  it("skips a leading light background when the photo has another colour, and says so", async () => {
    const { reply, warnings } = await analyzeLocally(image(["#fdfdfd", "#f2f2f2", "#2d5fb4"]), ["cor"]);
    expect(reply.cor).toBe("AZUL");
    expect(reply.cores_secundarias).toEqual([]);
    expect(warnings).toContain("Fundo claro desconsiderado na cor principal.");
    // Only light colours: the photo is white, not "no colour".
    expect((await analyzeLocally(image(["#fdfdfd", "#f4f4f4"]), ["cor"])).reply.cor).toBe("BRANCO");
  });

  it("lowers the confidence of a colour far from every name and of a less frequent one", async () => {
    const exact = (await analyzeLocally(image(["#2d5fb4"]), ["cor"])).reply.confianca.cor!;
    const far = (await analyzeLocally(image(["#5b7f6a"]), ["cor"])).reply.confianca.cor!;
    const second = (await analyzeLocally(image(["#ffffff", "#2d5fb4"]), ["cor"])).reply.confianca.cor!;
    expect(exact).toBe(0.6);
    expect(far).toBeLessThan(exact);
    expect(second).toBeLessThan(exact);
  });

  it("without dominant colours or without the cor field, names nothing", async () => {
    const none = await analyzeLocally(image(null), ["cor"]);
    expect(none.reply.cor).toBeNull();
    expect(none.warnings.join(" ")).toContain("não tem cores dominantes");
    expect((await analyzeLocally(image(["nope", 3]), ["cor"])).reply.cor).toBeNull();
    const notAsked = await analyzeLocally(image(["#c42626"]), ["descricao"]);
    expect(notAsked.reply.cor).toBeNull();
    expect(notAsked.reply.confianca.cor).toBeNull();
  });
});
