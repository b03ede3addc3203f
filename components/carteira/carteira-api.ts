import type { CanonicalField } from "@/lib/carteira/parse/types";
import type { CarteiraPreview } from "@/lib/carteira/import/preview-carteira-upload";
import type { ImportSummary } from "@/lib/carteira/import/types";

export type Mapping = Record<string, CanonicalField | null>;
/** An error answer: `details` is the import's summary when an import was refused, else the error's parameters. */
export type ApiFailure = { error: string; message: string; details?: ImportSummary | Record<string, unknown> };

async function send<T>(url: string, form: FormData): Promise<{ status: number; body: T | ApiFailure }> {
  const res = await fetch(url, { method: "POST", body: form, credentials: "same-origin" });
  const body = (await res.json().catch(() => ({ error: "INTERNAL", message: "" }))) as T | ApiFailure;
  return { status: res.status, body };
}

function formOf(
  file: File,
  extra: { sheets?: string[]; mapping?: Mapping; brandId?: string; collectionId?: string },
): FormData {
  const form = new FormData();
  form.set("file", file);
  if (extra.sheets && extra.sheets.length > 0) form.set("sheets", JSON.stringify(extra.sheets));
  if (extra.mapping && Object.keys(extra.mapping).length > 0) form.set("mapping", JSON.stringify(extra.mapping));
  if (extra.brandId) form.set("brandId", extra.brandId);
  if (extra.collectionId) form.set("collectionId", extra.collectionId);
  return form;
}

export function requestPreview(file: File, sheets?: string[]) {
  return send<CarteiraPreview>("/api/v1/carteira/previews", formOf(file, { sheets }));
}

export function requestImport(
  file: File,
  options: { sheets?: string[]; mapping?: Mapping; brandId?: string; collectionId?: string },
) {
  return send<ImportSummary | { id: string; status: "PENDING" }>("/api/v1/carteira/imports", formOf(file, options));
}

export async function fetchImport(id: string): Promise<ImportSummary | null> {
  const res = await fetch(`/api/v1/carteira/imports/${id}`, { credentials: "same-origin", cache: "no-store" });
  return res.ok ? ((await res.json()) as ImportSummary) : null;
}

export function isFailure(body: unknown): body is ApiFailure {
  return typeof body === "object" && body !== null && "error" in body;
}
