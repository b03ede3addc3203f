import { describe, expect, it } from "vitest";
import {
  generatedFilePath,
  parsePromptFile,
  parsePrompts,
  PromptFileError,
  slugify,
  type ParseOptions,
} from "@/lib/generation/prompt-file";

const options: ParseOptions = {
  maxPromptChars: 4000,
  maxQuantity: 100,
  maxTotal: 1000,
  maxPrompts: 500,
  defaultQuantity: 1,
  firstNumber: 1,
};

// Seed 003's own example of a prompt file ("Formato de Entrada (TXT)").
const SEED_EXAMPLE =
  "Prompt linha 1\nPrompt linha 2\nPrompt linha 3\n\nSegundo prompt\ncom múltiplas linhas\n\nTerceiro prompt\n";

describe("parsePromptFile", () => {
  const cases: { name: string; text: string; opts?: Partial<ParseOptions>; expected: [string, number][] }[] = [
    {
      name: "the seed's example: three prompts, inner line breaks kept",
      text: SEED_EXAMPLE,
      expected: [
        ["Prompt linha 1\nPrompt linha 2\nPrompt linha 3", 1],
        ["Segundo prompt\ncom múltiplas linhas", 1],
        ["Terceiro prompt", 1],
      ],
    },
    {
      name: "several blank lines (and lines of spaces) are one separator; outer spaces trimmed",
      text: "\n\n   primeiro   \n\n\n  \t \n  segundo\n   linha dois  \n\n",
      expected: [
        ["primeiro", 1],
        ["segundo\nlinha dois", 1],
      ],
    },
    {
      name: "CRLF and a BOM",
      text: "\uFEFFum\r\ndois\r\n\r\ntrês",
      expected: [
        ["um\ndois", 1],
        ["três", 1],
      ],
    },
    {
      name: "[x3] at the end of the last line; the default quantity elsewhere",
      text: "fundo azul\nluz suave [x3]\n\ncampo de flores [X2]\n\nsem marcador",
      opts: { defaultQuantity: 4 },
      expected: [
        ["fundo azul\nluz suave", 3],
        ["campo de flores", 2],
        ["sem marcador", 4],
      ],
    },
    {
      name: "a marker in the middle of a line is text",
      text: "um [x3] dois",
      expected: [["um [x3] dois", 1]],
    },
  ];
  it.each(cases)("$name", ({ text, opts, expected }) => {
    const parsed = parsePromptFile(text, { ...options, ...opts });
    expect(parsed.map((p) => [p.prompt, p.quantity])).toEqual(expected);
  });

  it("numbers images globally across prompts (1.png, 2.png, …), from firstNumber", () => {
    const parsed = parsePromptFile("a [x2]\n\nb [x3]\n\nc", options);
    expect(parsed.map((p) => p.numbers)).toEqual([[1, 2], [3, 4, 5], [6]]);
    const later = parsePromptFile("a [x2]\n\nb", { ...options, firstNumber: 10 });
    expect(later.map((p) => p.numbers)).toEqual([[10, 11], [12]]);
  });

  it("a first line starting with SKU: links the prompt and is not sent to the model", () => {
    const parsed = parsePromptFile(
      "SKU: vd25-0150\nvestido em fundo neutro [x2]\n\nSKU: VD25-0151 bolsa na praia",
      options,
    );
    expect(parsed[0]).toMatchObject({ sku: "VD25-0150", prompt: "vestido em fundo neutro", quantity: 2 });
    expect(parsed[1]).toMatchObject({ sku: "VD25-0151", prompt: "bolsa na praia", quantity: 1 });
    expect(generatedFilePath(parsed[0]!, 1, true)).toEqual({
      fileName: "VD25-0150_1.png",
      relativePath: "vestido_em_fundo_neutro/VD25-0150_1.png",
    });
    expect(generatedFilePath({ sku: null, slug: "x" }, 7, false)).toEqual({ fileName: "7.png", relativePath: "7.png" });
  });

  const refusals: { name: string; text: string; opts?: Partial<ParseOptions>; code: string }[] = [
    { name: "an empty file", text: "", code: "PROMPT_FILE_EMPTY" },
    { name: "only blank lines", text: "\n \n\t\n", code: "PROMPT_FILE_EMPTY" },
    { name: "a prompt of 50,000 characters", text: "a".repeat(50_000), code: "PROMPT_TOO_LONG" },
    { name: "quantity 0", text: "um prompt [x0]", code: "PROMPT_QUANTITY_INVALID" },
    { name: "quantity 10,000", text: "um prompt [x10000]", code: "PROMPT_QUANTITY_INVALID" },
    {
      name: "a default quantity of 0",
      text: "um prompt",
      opts: { defaultQuantity: 0 },
      code: "PROMPT_QUANTITY_INVALID",
    },
    {
      name: "more images than a job takes",
      text: "a [x60]\n\nb [x60]",
      opts: { maxTotal: 100 },
      code: "PROMPT_TOO_MANY_IMAGES",
    },
    {
      name: "more prompts than a job takes",
      text: "a\n\nb\n\nc",
      opts: { maxPrompts: 2 },
      code: "PROMPT_TOO_MANY_PROMPTS",
    },
    { name: "a prompt of only a SKU marker", text: "SKU: VD25-0150", code: "PROMPT_EMPTY" },
  ];
  it.each(refusals)("refuses $name with $code", ({ text, opts, code }) => {
    let caught: unknown;
    try {
      parsePromptFile(text, { ...options, ...opts });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PromptFileError);
    expect((caught as PromptFileError).code).toBe(code);
  });

  it("the limits are configurable: 10,000 passes with a higher maximum", () => {
    expect(parsePromptFile("x [x10000]", { ...options, maxQuantity: 10_000, maxTotal: 10_000 })[0]!.quantity).toBe(
      10_000,
    );
  });
});

describe("parsePrompts (typed prompts)", () => {
  it("takes the quantity field over a marker and the default", () => {
    const parsed = parsePrompts(
      [{ prompt: "um [x5]", quantity: 2 }, { prompt: "dois [x5]" }, { prompt: "três", quantity: null }],
      { ...options, defaultQuantity: 3 },
    );
    expect(parsed.map((p) => [p.prompt, p.quantity])).toEqual([
      ["um", 2],
      ["dois", 5],
      ["três", 3],
    ]);
  });
  it("refuses an empty list", () => {
    expect(() => parsePrompts([], options)).toThrow(PromptFileError);
  });
});

describe("slugify (seed 003's folder names)", () => {
  it.each([
    ["Vestido Azul em Fundo Branco", "vestido_azul_em_fundo_branco"],
    ["Coleção Verão: praia & sol!", "colecao_verao_praia_sol"],
    ["linha um\nlinha dois", "linha_um_linha_dois"],
    ["a".repeat(80), "a".repeat(50)],
    ["!!!", "prompt"],
  ])("%j → %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(slugify(text).length).toBeLessThanOrEqual(50);
  });
});
