import { describe, expect, it } from "vitest";
import { codeFormatName, normalizeCodes, ZXING_READ_FORMATS } from "@/lib/ai/text/ocr/codes";
import { isKeptWord, textAndWords, WORD_CONFIDENCE_FLOOR } from "@/lib/ai/text/ocr/words";
import { ocrEngineName } from "@/lib/ai/text/read-photo-text";
import { parseEnv } from "@/lib/config/env";

describe("textAndWords", () => {
  it("turns tesseract's 0–100 confidences into 0–1 and joins kept lines with a newline", () => {
    const read = textAndWords([
      {
        text: "REF  VD25-0150\n",
        words: [
          { text: "REF", confidence: 93 },
          { text: "VD25-0150", confidence: 89.7 },
        ],
      },
      {
        text: "TAM M\n",
        words: [
          { text: "TAM", confidence: 92 },
          { text: "M", confidence: 90 },
        ],
      },
    ]);
    expect(read.text).toBe("REF VD25-0150\nTAM M");
    expect(read.words).toEqual([
      { text: "REF", confidence: 0.93 },
      { text: "VD25-0150", confidence: 0.897 },
      { text: "TAM", confidence: 0.92 },
      { text: "M", confidence: 0.9 },
    ]);
  });

  it("drops empty, symbol-only and low-confidence words, and lines made only of them", () => {
    const read = textAndWords([
      {
        text: "| ;: ~\n",
        words: [
          { text: "|", confidence: 80 },
          { text: ";:", confidence: 90 },
          { text: "~", confidence: 20 },
        ],
      },
      {
        text: "Hh e\n",
        words: [
          { text: "Hh", confidence: 47 },
          { text: "e", confidence: 30 },
        ],
      },
      { text: " \n", words: [{ text: " ", confidence: 95 }] },
      { text: "", words: [] },
    ]);
    expect(read).toEqual({ text: "", words: [] });
  });

  it("keeps a line with a kept word as read (faithful text), while its noise words stay out of words", () => {
    const read = textAndWords([
      {
        text: "REF BL24-0387 ~ Hh\n",
        words: [
          { text: "REF", confidence: 93 },
          { text: "BL24-0387", confidence: 88 },
          { text: "~", confidence: 40 },
          { text: "Hh", confidence: 12 },
        ],
      },
    ]);
    expect(read.text).toBe("REF BL24-0387 ~ Hh");
    expect(read.words.map((w) => w.text)).toEqual(["REF", "BL24-0387"]);
  });

  it("keeps a word exactly at the floor and clamps confidences outside 0–100", () => {
    expect(isKeptWord({ text: "M", confidence: WORD_CONFIDENCE_FLOOR })).toBe(true);
    expect(isKeptWord({ text: "M", confidence: WORD_CONFIDENCE_FLOOR - 0.001 })).toBe(false);
    expect(isKeptWord({ text: "ÃO", confidence: 0.9 })).toBe(true);
    expect(isKeptWord({ text: "100%", confidence: 0.9 })).toBe(true);
    expect(textAndWords([{ text: "A", words: [{ text: "A", confidence: 140 }] }]).words).toEqual([
      { text: "A", confidence: 1 },
    ]);
  });
});

describe("normalizeCodes", () => {
  it("names EAN/UPC with a hyphen and keeps Code128 and QRCode as zxing-wasm names them", () => {
    expect(["EAN13", "EAN8", "UPCA", "UPCE", "Code128", "QRCode"].map(codeFormatName)).toEqual([
      "EAN-13",
      "EAN-8",
      "UPC-A",
      "UPC-E",
      "Code128",
      "QRCode",
    ]);
    expect(ZXING_READ_FORMATS).toEqual(["EAN13", "EAN8", "UPCA", "UPCE", "Code128", "QRCode"]);
  });

  it("drops invalid (damaged) and empty symbols, strips control characters and keeps a code once", () => {
    expect(
      normalizeCodes([
        { format: "EAN13", text: "7891234567895", isValid: true },
        { format: "EAN13", text: "7891234567895", isValid: true },
        { format: "EAN13", text: "7891234567890", isValid: false },
        { format: "Code128", text: " \u001dVD25-0150\u001dM \n", isValid: true },
        { format: "QRCode", text: "\u0000 ", isValid: true },
      ]),
    ).toEqual([
      { format: "EAN-13", text: "7891234567895" },
      { format: "Code128", text: "VD25-0150 M" },
    ]);
  });
});

describe("OCR configuration", () => {
  it("defaults to por+eng, a 2000 px long side, 60 s and 1024 MB", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      OCR_LANGS: "por+eng",
      OCR_LONG_SIDE: 2000,
      OCR_TIMEOUT_SECONDS: 60,
      OCR_MAX_MEMORY_MB: 1024,
    });
    expect(ocrEngineName(env.OCR_LANGS)).toBe("tesseract.js 7 (por+eng) + zxing-wasm 3");
  });

  it("refuses language lists that are not codes joined with +, and budgets out of range", () => {
    expect(() => parseEnv({ OCR_LANGS: "por eng" })).toThrow(/OCR_LANGS/);
    expect(() => parseEnv({ OCR_LANGS: "../x" })).toThrow(/OCR_LANGS/);
    expect(parseEnv({ OCR_LANGS: "por" }).OCR_LANGS).toBe("por");
    expect(() => parseEnv({ OCR_LONG_SIDE: "100" })).toThrow(/OCR_LONG_SIDE/);
    expect(() => parseEnv({ OCR_MAX_MEMORY_MB: "64" })).toThrow(/OCR_MAX_MEMORY_MB/);
  });
});
