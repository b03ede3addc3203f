import type { ExportFormat } from "./formats";

/**
 * What an export's estimate route answers (GET <export>/estimate): its first rows written in every
 * format. `empty_bytes` is the file with no row (headers, the XLSX package), `sample_bytes` the file
 * with the `sample_rows` first rows; `complete` says the sample is the whole export (its bytes are
 * then exact). The size of N rows is then scaled on whoever knows N (the menu's count).
 */
export type ExportEstimate = {
  sample_rows: number;
  complete: boolean;
  empty_bytes: Record<ExportFormat, number>;
  sample_bytes: Record<ExportFormat, number>;
};

/** The estimated bytes of `rows` rows in `format`: the fixed part plus the sample's bytes per row. */
export function estimatedBytes(estimate: ExportEstimate, format: ExportFormat, rows: number): number {
  const sample = estimate.sample_bytes[format];
  if (estimate.complete || estimate.sample_rows === 0) return sample;
  const empty = estimate.empty_bytes[format];
  return Math.round(empty + ((sample - empty) / estimate.sample_rows) * Math.max(0, rows));
}
