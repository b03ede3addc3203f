/**
 * "Nº REF. PRODUTO " → "n_ref_produto": lowercase, accents stripped, every run of
 * non-alphanumerics collapsed to "_" (trimmed at the ends).
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[ºª°]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
