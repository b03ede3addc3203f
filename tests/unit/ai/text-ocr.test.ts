import { describe, expect, it } from "vitest";
import { blankCodes, CODE_MARGIN } from "@/lib/ai/text/ocr/blank-codes";
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

describe("blankCodes", () => {
  const quad = (x0: number, y0: number, x1: number, y1: number) => ({
    topLeft: { x: x0, y: y0 },
    topRight: { x: x1, y: y0 },
    bottomRight: { x: x1, y: y1 },
    bottomLeft: { x: x0, y: y1 },
  });

  it("paints a barcode's box, grown by the margin, white and leaves the rest as it was", () => {
    const width = 200;
    const height = 100;
    const grey = new Uint8Array(width * height).fill(0);
    blankCodes(grey, width, height, [quad(50, 40, 150, 60)]);
    const margin = Math.ceil(CODE_MARGIN * 100);
    const at = (x: number, y: number) => grey[y * width + x];
    expect(at(50 - margin, 40 - margin)).toBe(255);
    expect(at(150 + margin, 60 + margin)).toBe(255);
    expect(at(100, 50)).toBe(255);
    expect(at(50 - margin - 1, 50)).toBe(0);
    expect(at(100, 60 + margin + 1)).toBe(0);
    expect(at(0, 0)).toBe(0);
  });

  it("clips a box that reaches past the image, and a rotated quad blanks its bounding box", () => {
    const width = 50;
    const height = 40;
    const grey = new Uint8Array(width * height).fill(7);
    blankCodes(grey, width, height, [quad(-10, -10, 10, 10)]);
    expect(grey[0]).toBe(255);
    expect(grey[width * height - 1]).toBe(7);
    const rotated = new Uint8Array(width * height).fill(7);
    blankCodes(rotated, width, height, [
      {
        topLeft: { x: 20, y: 10 },
        topRight: { x: 30, y: 12 },
        bottomRight: { x: 28, y: 22 },
        bottomLeft: { x: 18, y: 20 },
      },
    ]);
    expect(rotated[10 * width + 18]).toBe(255);
    expect(rotated[22 * width + 30]).toBe(255);
    expect(rotated[30 * width + 40]).toBe(7);
    expect(() => blankCodes(rotated, width, height, [])).not.toThrow();
  });
});
