import "server-only";
import type { MatchResult } from "@/lib/sku";
import type { DryRunItem, DryRunName, DryRunTotals } from "./schemas";

/** A name of the request, as ingestion would store it (same sanitising as `storeUploadBlob`). */
export type DryRunEntry = {
  name: string;
  storedName: string;
  relativePath: string | null;
  size: number | null;
  sha256: string | null;
};

export type InBankHit = { imageId: string; by: "sha256" | "name_size" };

/** `{name, size}` and a bare string alike. */
export function entryInput(raw: DryRunName): { name: string; size: number | null; sha256: string | null } {
  if (typeof raw === "string") return { name: raw, size: null, sha256: null };
  return { name: raw.name, size: raw.size ?? null, sha256: raw.sha256?.toLowerCase() ?? null };
}

/** The key the name + size look-up answers by. */
export function nameSizeKey(storedName: string, size: number): string {
  return `${storedName}\u0000${size}`;
}

/**
 * One name's outcome. A file already in the bank (its sha256, or the same name and size) would not
 * become a new photo — the upload only points at the existing one — so `in_bank` wins over what the
 * name matches; the matched SKU is still reported. Without a match scope (a batch with no
 * collection) nothing links: `unknown`.
 */
export function classifyDryRunName(
  entry: DryRunEntry,
  match: MatchResult | null,
  inBank: InBankHit | null,
): DryRunItem {
  const sku = match?.status === "matched" ? match.sku : null;
  const candidates = match?.status === "ambiguous" ? match.candidates : [];
  if (inBank)
    return {
      name: entry.name,
      outcome: "in_bank",
      sku,
      candidates,
      existingImageId: inBank.imageId,
      inBankBy: inBank.by,
    };
  const outcome = match?.status === "matched" ? "linked" : match?.status === "ambiguous" ? "ambiguous" : "unknown";
  return { name: entry.name, outcome, sku, candidates, existingImageId: null, inBankBy: null };
}

export function dryRunTotals(items: readonly DryRunItem[]): DryRunTotals {
  const totals: DryRunTotals = { names: items.length, linked: 0, ambiguous: 0, unknown: 0, inBank: 0 };
  for (const item of items) {
    if (item.outcome === "linked") totals.linked++;
    else if (item.outcome === "ambiguous") totals.ambiguous++;
    else if (item.outcome === "unknown") totals.unknown++;
    else totals.inBank++;
  }
  return totals;
}

/**
 * SKUs the drop gives a new photo: those of `linked` names (an in-bank file adds no photo), with
 * the ones the caller says earlier chunks covered.
 */
export function coveredSkusOf(items: readonly DryRunItem[], earlier: readonly string[] = []): string[] {
  const covered = new Set(earlier);
  for (const item of items) if (item.outcome === "linked" && item.sku) covered.add(item.sku);
  return [...covered];
}
