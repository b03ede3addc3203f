import { matchHeaderDetailed } from "./column-synonyms";
import { normalizeHeader } from "./normalize-header";
import {
  REQUIRED_FIELDS,
  type CanonicalField,
  type ColumnMapping,
  type MappingOverride,
  type RequiredField,
} from "./types";

export interface DetectedMapping {
  mapping: ColumnMapping;
  missingRequired: RequiredField[];
}

/**
 * Header texts → column index → canonical field. Each field goes to one column: exact synonyms
 * first (leftmost wins), then fallback patterns for fields still free.
 */
export function detectColumnMapping(headers: string[], override?: MappingOverride): DetectedMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<CanonicalField>();
  const matches = headers.map((h) => matchHeaderDetailed(h));
  headers.forEach((_, i) => (mapping[i] = null));

  // User choices first: they claim their fields before auto-detection runs.
  const forced = new Set<number>();
  if (override) {
    const byNorm = new Map<string, CanonicalField | null>();
    for (const [text, field] of Object.entries(override)) byNorm.set(normalizeHeader(text), field);
    headers.forEach((h, i) => {
      const hit = Object.prototype.hasOwnProperty.call(override, h) ? override[h] : byNorm.get(normalizeHeader(h));
      if (hit === undefined) return;
      forced.add(i);
      if (hit && !taken.has(hit)) {
        mapping[i] = hit;
        taken.add(hit);
      }
    });
  }

  for (const strength of ["exact", "pattern"] as const) {
    matches.forEach((m, i) => {
      if (forced.has(i) || mapping[i] || !m.field || m.strength !== strength || taken.has(m.field)) return;
      mapping[i] = m.field;
      taken.add(m.field);
    });
  }
  const missingRequired = REQUIRED_FIELDS.filter((f) => !taken.has(f));
  return { mapping, missingRequired };
}
