import { describe, expect, it } from "vitest";
import { parseSkuFilename } from "@/lib/sku";

type Row = [
  name: string,
  folder: string | undefined,
  skuBase: string | null,
  sequence: string | null,
  ext: string | null,
];

const cases: Row[] = [
  // the glossary example and every suffix style
  ["VD24-0123_FRENTE.jpg", undefined, "VD24-0123", "FRENTE", "jpg"],
  ["VD24-0123_COSTAS.jpg", undefined, "VD24-0123", "COSTAS", "jpg"],
  ["VD24-0123_DETALHE.jpg", undefined, "VD24-0123", "DETALHE", "jpg"],
  ["VD24-0123_LADO.jpg", undefined, "VD24-0123", "LADO", "jpg"],
  ["VD24-0123_DETALHE2.jpg", undefined, "VD24-0123", "DETALHE2", "jpg"],
  ["VD24-0123_01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123_2.jpg", undefined, "VD24-0123", "2", "jpg"],
  ["VD24-0123_001.jpg", undefined, "VD24-0123", "001", "jpg"],
  ["VD24-0123-A.jpg", undefined, "VD24-0123", "A", "jpg"],
  ["VD24-0123-B.jpg", undefined, "VD24-0123", "B", "jpg"],
  ["VD24-0123-3.jpg", undefined, "VD24-0123", "3", "jpg"],
  ["VD24-0123 FRENTE.jpg", undefined, "VD24-0123", "FRENTE", "jpg"],
  ["VD24-0123 (2).jpg", undefined, "VD24-0123", "(2)", "jpg"],
  ["VD24-0123(2).jpg", undefined, "VD24-0123", "(2)", "jpg"],
  ["VD24-0123 - Cópia.jpg", undefined, "VD24-0123", "Cópia", "jpg"], // leading separators trimmed
  ["VD24-0123_01 - Copy (3).jpg", undefined, "VD24-0123", "01 - Copy (3)", "jpg"],
  ["VD24-0123 copy 2.jpg", undefined, "VD24-0123", "copy 2", "jpg"],
  // combos: chained tokens all belong to the sequence, literal text kept
  ["VD24-0123_01_FRENTE.jpg", undefined, "VD24-0123", "01_FRENTE", "jpg"],
  ["VD24-0123_FRENTE_01.jpg", undefined, "VD24-0123", "FRENTE_01", "jpg"],
  ["VD24-0123_01 (2).jpg", undefined, "VD24-0123", "01 (2)", "jpg"],
  ["VD24-0123_FRENTE-A (2).jpg", undefined, "VD24-0123", "FRENTE-A (2)", "jpg"],
  ["VD24-0123__01.jpg", undefined, "VD24-0123", "01", "jpg"],
  // no sequence
  ["VD24-0123.jpg", undefined, "VD24-0123", null, "jpg"],
  ["AB2401234.png", undefined, "AB2401234", null, "png"],
  // 4+ digits are SKU parts, not sequences
  ["VD24-0123-4567.jpg", undefined, "VD24-0123-4567", null, "jpg"],
  // digit guard: never leave a base without digits
  ["AB-12.jpg", undefined, "AB-12", null, "jpg"],
  ["AB-C.jpg", undefined, "AB-C", null, "jpg"],
  ["CAMISA_01.jpg", undefined, "CAMISA_01", null, "jpg"],
  ["A1-B_01.jpg", undefined, "A1", "B_01", "jpg"],
  // dots inside names: only known extensions are stripped; `.` is not a sequence separator
  ["CAM.24.0456.jpg", undefined, "CAM.24.0456", null, "jpg"],
  ["CAM.24.0456", undefined, "CAM.24.0456", null, null],
  ["CAM.24.0456_2.webp", undefined, "CAM.24.0456", "2", "webp"],
  ["CAM.24.045", undefined, "CAM.24.045", null, null],
  ["VD24-0123.FRENTE.jpg", undefined, "VD24-0123.FRENTE", null, "jpg"],
  // lowercase is kept as-is
  ["vd24-0123_frente.jpg", undefined, "vd24-0123", "frente", "jpg"],
  ["vd24-0123-a.jpeg", undefined, "vd24-0123", "a", "jpeg"],
  // extensions, case-insensitive, repeated
  ["VD24-0123_01.JPG", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123_01.Jpeg", undefined, "VD24-0123", "01", "jpeg"],
  ["VD24-0123_01.tiff", undefined, "VD24-0123", "01", "tiff"],
  ["VD24-0123_01.TIF", undefined, "VD24-0123", "01", "tif"],
  ["VD24-0123_01.webp", undefined, "VD24-0123", "01", "webp"],
  ["VD24-0123_01.heic", undefined, "VD24-0123", "01", "heic"],
  ["VD24-0123_01.HEIF", undefined, "VD24-0123", "01", "heif"],
  ["VD24-0123_01.avif", undefined, "VD24-0123", "01", "avif"],
  ["VD24-0123_01.JPG.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123_01.xyz", undefined, "VD24-0123_01.xyz", null, null],
  ["VD24-0123_01", undefined, "VD24-0123", "01", null],
  // folder fallback: the name is only a sequence
  ["01.jpg", "VD24-0123", "VD24-0123", "01", "jpg"],
  ["FRENTE.jpg", "VD24-0123", "VD24-0123", "FRENTE", "jpg"],
  ["frente.JPG", "VD24-0123", "VD24-0123", "frente", "jpg"],
  ["1 (2).jpg", "VD24-0123", "VD24-0123", "1 (2)", "jpg"],
  ["01_FRENTE.jpg", "VD24-0123", "VD24-0123", "01_FRENTE", "jpg"],
  ["A.jpg", "VD24-0123", "VD24-0123", "A", "jpg"],
  ["(2).jpg", "VD24-0123", "VD24-0123", "(2)", "jpg"],
  ["01.jpg", "lote 3/fotos/VD24-0123", "VD24-0123", "01", "jpg"],
  ["01.jpg", "C:\\Fotos\\VD24-0123\\", "VD24-0123", "01", "jpg"],
  ["01.jpg", "VD24-0123/", "VD24-0123", "01", "jpg"],
  ["01.jpg", undefined, null, "01", "jpg"],
  ["01.jpg", "", null, "01", "jpg"],
  // a path inside the filename is the most specific folder
  ["VD24-0123/01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123/02.jpg", "lote-1", "VD24-0123", "02", "jpg"],
  ["sub\\VD24-0456_03.jpg", "VD24-0123", "VD24-0456", "03", "jpg"],
  // a real name ignores the folder
  ["VD24-0456_01.jpg", "VD24-0123", "VD24-0456", "01", "jpg"],
  // accents / unicode / NFC
  ["Çâmisa-24_01.heic", undefined, "Çâmisa-24", "01", "heic"],
  ["VE\u0301STIDO-24_FRENTE.jpg", undefined, "VÉSTIDO-24", "FRENTE", "jpg"],
  ["ＶＤ２４-0123_01.jpg", undefined, "ＶＤ２４-0123", "01", "jpg"],
  ["VD24-0123_01.jpg", "FÓTOS/VE\u0301-24", "VD24-0123", "01", "jpg"],
  ["01.jpg", "VE\u0301-24", "VÉ-24", "01", "jpg"],
  // trimming and whitespace
  ["  VD24-0123_01.jpg  ", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123   FRENTE.jpg", undefined, "VD24-0123", "FRENTE", "jpg"],
  ["VD24-0123\tFRENTE.jpg", undefined, "VD24-0123", "FRENTE", "jpg"],
  ["VD24-0123\u00A0FRENTE.jpg", undefined, "VD24-0123", "FRENTE", "jpg"],
  // control / invisible characters are dropped
  ["VD24\u0000-0123_01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123\u200B_01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["\uFEFFVD24-0123_01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123\u202E_01.jpg", undefined, "VD24-0123", "01", "jpg"],
  ["VD24-0123_01\uD800.jpg", undefined, "VD24-0123", "01", "jpg"],
  // hidden / system files never get a SKU base
  [".DS_Store", undefined, null, null, null],
  ["._VD24-0123_01.jpg", undefined, null, null, "jpg"],
  [".jpg", undefined, null, null, "jpg"],
  ["Thumbs.db", undefined, null, null, null],
  ["desktop.ini", undefined, null, null, null],
  ["VD24-0123_01.jpg", "__MACOSX/VD24", null, null, "jpg"],
  // empty / degenerate
  ["", undefined, null, null, null],
  ["   ", undefined, null, null, null],
  [".", undefined, null, null, null],
  ["\u0000\u0001", undefined, null, null, null],
  ["_01.jpg", "VD24-0123", "VD24-0123", "01", "jpg"],
];

describe("parseSkuFilename", () => {
  it.each(cases)("%j (folder %j) → %j + %j (.%j)", (name, folder, skuBase, sequence, extension) => {
    expect(parseSkuFilename(name, folder)).toEqual({ skuBase, sequence, extension });
  });

  it("never throws on hostile input", () => {
    const hostile: unknown[] = [
      null,
      undefined,
      42,
      {},
      "\uDC00\uD800",
      "x".repeat(100_000),
      "_".repeat(5000),
      "(1)".repeat(500),
      "💥🔥.jpg",
    ];
    for (const h of hostile) {
      expect(() => parseSkuFilename(h as string, h as string)).not.toThrow();
    }
  });

  it("caps very long names", () => {
    const r = parseSkuFilename(`VD24-${"9".repeat(10_000)}.jpg`);
    expect(r.skuBase?.length).toBeLessThanOrEqual(512);
  });
});
