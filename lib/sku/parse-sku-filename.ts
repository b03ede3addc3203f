import { findSequenceCut } from "./sequence-suffix";
import { trimSeparators } from "./separators";
import { splitFilename } from "./split-filename";
import type { ParsedSkuFilename } from "./types";

/**
 * Parses a photo filename without any SKU list: `VD24-0123_FRENTE.jpg` → `VD24-0123` + `FRENTE`.
 * Sequence = literal remainder after the base with leading separators trimmed (`_01_FRENTE` →
 * `01_FRENTE`, ` (2)` → `(2)`), case kept. When the name is only a sequence (`01.jpg`,
 * `FRENTE.jpg`, `1 (2).jpg`) the base is the folder's last segment. Hidden/system files get no
 * base. Never throws. See `sequence-suffix.ts` for the grammar.
 */
export function parseSkuFilename(filename: string, folder?: string | null): ParsedSkuFilename {
  const { stem, extension, folderSegment, ignored } = splitFilename(filename, folder);
  if (ignored || stem === "") return { skuBase: null, sequence: null, extension };
  const { cut, sequenceOnly } = findSequenceCut(stem);
  if (sequenceOnly) {
    return { skuBase: folderSegment || null, sequence: trimSeparators(stem) || null, extension };
  }
  const skuBase = trimSeparators(stem.slice(0, cut));
  const sequence = trimSeparators(stem.slice(cut));
  return { skuBase: skuBase || null, sequence: sequence || null, extension };
}
