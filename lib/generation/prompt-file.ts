/**
 * Prompt files (seed 003), pure: no I/O.
 *
 * Syntax (shown in the UI and docs/openapi.json):
 * - prompts are separated by one or more blank lines (a line of only spaces is blank); a prompt may
 *   span lines: its inner line breaks are kept, each line's outer spaces and the prompt's outer
 *   blank lines are trimmed;
 * - quantity: `[x3]` (or `[X3]`) at the very end of the prompt's LAST line asks for 3 images of
 *   that prompt; without it the file's default quantity applies;
 * - SKU: a first line starting with `SKU: VD25-0150` links the prompt's images to that SKU (they
 *   are stored as `VD25-0150_<n>.png`, so the filename matcher links them); the marker is not sent
 *   to the model (a first line of only the marker is dropped).
 *
 * Numbering follows the seed: one global counter across prompts (1.png, 2.png, …), starting at
 * `firstNumber`. The folder of a prompt (one folder per prompt) is its slug: special characters
 * removed (accents folded), whitespace to `_`, lower case, at most 50 characters.
 */
export type PromptFileLimits = {
  /** Characters of one prompt (after the markers are taken out). */
  maxPromptChars: number;
  /** Images of one prompt. */
  maxQuantity: number;
  /** Images of the whole file. */
  maxTotal: number;
  /** Prompts in the file. */
  maxPrompts: number;
};

export type ParseOptions = PromptFileLimits & { defaultQuantity: number; firstNumber: number };

export type ParsedPrompt = {
  /** 0-based position in the file. */
  index: number;
  prompt: string;
  quantity: number;
  sku: string | null;
  slug: string;
  /** The global numbers of this prompt's images, in order. */
  numbers: number[];
};

export type PromptFileErrorCode =
  | "PROMPT_FILE_EMPTY"
  | "PROMPT_EMPTY"
  | "PROMPT_TOO_LONG"
  | "PROMPT_QUANTITY_INVALID"
  | "PROMPT_TOO_MANY_IMAGES"
  | "PROMPT_TOO_MANY_PROMPTS";

export class PromptFileError extends Error {
  constructor(
    readonly code: PromptFileErrorCode,
    message: string,
    readonly details: Record<string, number> = {},
  ) {
    super(message);
    this.name = "PromptFileError";
  }
}

const QUANTITY_MARKER = /\s*\[[xX](\d+)\]\s*$/;
const SKU_MARKER = /^\s*SKU:\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*/i;
export const SLUG_MAX = 50;

/** A folder name from a prompt: accents folded, special characters removed, whitespace to `_`, lower case, ≤ 50 characters. */
export function slugify(text: string, fallback = "prompt"): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9\s_-]/g, "")
    .trim()
    .replace(/\s+/g, "_")
    .toLowerCase()
    .slice(0, SLUG_MAX)
    .replace(/^[_-]+|[_-]+$/g, "");
  return slug || fallback;
}

/** Splits the text into raw prompt blocks (blank-line separated), lines trimmed, inner breaks kept. */
export function splitPromptBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === "") {
      if (current.length > 0) blocks.push(current.join("\n"));
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current.join("\n"));
  return blocks;
}

type PromptInput = { prompt: string; quantity?: number | null };

/** One prompt's markers read and its limits checked (shared by files and typed prompts). */
function readPrompt(input: PromptInput, index: number, options: ParseOptions) {
  let text = input.prompt.trim();
  let quantity = input.quantity ?? null;
  const q = QUANTITY_MARKER.exec(text);
  if (q) {
    quantity ??= Number(q[1]);
    text = text.slice(0, q.index).trimEnd();
  }
  let sku: string | null = null;
  const s = SKU_MARKER.exec(text);
  if (s) {
    sku = s[1]!.toUpperCase();
    text = text.slice(s[0].length).trim();
  }
  quantity ??= options.defaultQuantity;
  const position = { index: index + 1 };
  if (text === "") throw new PromptFileError("PROMPT_EMPTY", `O prompt ${index + 1} está vazio.`, position);
  if (text.length > options.maxPromptChars)
    throw new PromptFileError(
      "PROMPT_TOO_LONG",
      `O prompt ${index + 1} tem ${text.length} caracteres; o máximo é ${options.maxPromptChars}.`,
      { ...position, max: options.maxPromptChars },
    );
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > options.maxQuantity)
    throw new PromptFileError(
      "PROMPT_QUANTITY_INVALID",
      `A quantidade do prompt ${index + 1} deve ser de 1 a ${options.maxQuantity}.`,
      { ...position, max: options.maxQuantity },
    );
  return { prompt: text, quantity, sku };
}

/** Typed prompts ({prompt, quantity}) or the blocks of a file, numbered globally from `firstNumber`. */
export function parsePrompts(inputs: readonly PromptInput[], options: ParseOptions): ParsedPrompt[] {
  if (inputs.length === 0) throw new PromptFileError("PROMPT_FILE_EMPTY", "Nenhum prompt encontrado.");
  if (inputs.length > options.maxPrompts)
    throw new PromptFileError("PROMPT_TOO_MANY_PROMPTS", `No máximo ${options.maxPrompts} prompts por geração.`, {
      max: options.maxPrompts,
    });
  let next = options.firstNumber;
  let total = 0;
  return inputs.map((input, index) => {
    const read = readPrompt(input, index, options);
    total += read.quantity;
    if (total > options.maxTotal)
      throw new PromptFileError("PROMPT_TOO_MANY_IMAGES", `No máximo ${options.maxTotal} imagens por geração.`, {
        max: options.maxTotal,
      });
    const numbers = Array.from({ length: read.quantity }, (_, i) => next + i);
    next += read.quantity;
    return { index, ...read, slug: slugify(read.prompt, `prompt_${index + 1}`), numbers };
  });
}

/** A prompt file's text (already decoded) into prompts. */
export function parsePromptFile(text: string, options: ParseOptions): ParsedPrompt[] {
  const blocks = splitPromptBlocks(text);
  if (blocks.length === 0) throw new PromptFileError("PROMPT_FILE_EMPTY", "O arquivo de prompts está vazio.");
  return parsePrompts(
    blocks.map((prompt) => ({ prompt })),
    options,
  );
}

/** The stored file name and relative path of one image (seed 003's numbering and folders). */
export function generatedFilePath(
  prompt: Pick<ParsedPrompt, "sku" | "slug">,
  number: number,
  separateFolders: boolean,
): { fileName: string; relativePath: string } {
  const fileName = prompt.sku ? `${prompt.sku}_${number}.png` : `${number}.png`;
  return { fileName, relativePath: separateFolders ? `${prompt.slug}/${fileName}` : fileName };
}
