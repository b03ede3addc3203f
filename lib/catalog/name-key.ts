/** Case-, accent- and spacing-insensitive key so "Verão 2025" and "VERAO  2025" are the same name. */
export function nameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
