import type { PhotoWord } from "../read-photo-text";
import type { OcrRawLine } from "./types";

/**
 * Below this confidence (0–1) a word is taken for noise: tesseract reads texture, seams and shadows
 * of a busy photo as short words of 0–60 %, while printed tag text reads at 85–96 % (measured on
 * the test tags of tests/support/tag-photos.ts).
 */
export const WORD_CONFIDENCE_FLOOR = 0.5;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A word worth keeping: not empty, has a letter or digit, and tesseract is not guessing. */
export function isKeptWord(word: PhotoWord): boolean {
  return word.text.length > 0 && LETTER_OR_DIGIT.test(word.text) && word.confidence >= WORD_CONFIDENCE_FLOOR;
}

/**
 * The text and words of one photo from tesseract's lines. Words get a 0–1 confidence; noise words
 * (isKeptWord) are dropped from `words`, and a line made only of noise is dropped from `text`. A
 * line that is kept keeps all it read, as read (only its spacing is tidied), so `text` stays
 * faithful to the photo; lines are joined with "\n", and a photo without text gives "".
 */
export function textAndWords(lines: readonly OcrRawLine[]): { text: string; words: PhotoWord[] } {
  const textLines: string[] = [];
  const words: PhotoWord[] = [];
  for (const line of lines) {
    const kept = line.words
      .map((w) => ({
        text: w.text.trim(),
        confidence: Math.round(Math.min(100, Math.max(0, w.confidence)) * 10) / 1000,
      }))
      .filter(isKeptWord);
    if (kept.length === 0) continue;
    words.push(...kept);
    const text = line.text.replace(/\s+/g, " ").trim();
    if (text) textLines.push(text);
  }
  return { text: textLines.join("\n"), words };
}
