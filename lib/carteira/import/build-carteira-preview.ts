// Pure: runs inside the carteira parse worker, so it imports only the parse layer (relative paths, no
// server-only code); the answer's type comes from its schema by a type-only import, erased at runtime.
import { parseCarteiraFile, previewCarteiraFile, type DuplicateSku, type MappingOverride } from "../parse";
import type { CarteiraPreview } from "./schemas";

/** Files up to this size are fully parsed during preview to report duplicate SKUs early. */
const DUPLICATE_CHECK_MAX_BYTES = 5 * 1024 * 1024;

export interface CarteiraPreviewInput {
  bytes: Uint8Array;
  filename: string;
  sheets?: string[];
  mappingOverride?: MappingOverride;
  limits?: Parameters<typeof parseCarteiraFile>[0]["limits"];
}

export function buildCarteiraPreview(input: CarteiraPreviewInput): CarteiraPreview {
  const preview = previewCarteiraFile({ ...input, maxRows: 20 });
  let duplicates: DuplicateSku[] = [];
  let isDuplicateCheckDone = false;
  if (!preview.missingSku && input.bytes.length <= DUPLICATE_CHECK_MAX_BYTES) {
    try {
      duplicates = parseCarteiraFile(input).duplicates;
      isDuplicateCheckDone = true;
    } catch {
      // The import reports the same problem with its own code; the preview stays usable.
    }
  }
  return {
    kind: preview.kind,
    availableSheets: preview.availableSheets,
    missingSku: preview.missingSku,
    duplicates,
    isDuplicateCheckDone,
    sheets: preview.sheets.map((s) => ({
      name: s.name,
      headerRowNumber: s.headerRowNumber,
      headers: s.headers,
      mapping: Object.fromEntries(s.headers.map((h, i) => [h, s.mapping[i] ?? null])),
      rows: s.rows,
      missingSku: s.missingRequired.includes("sku"),
      totalRows: s.totalRows,
    })),
  };
}
