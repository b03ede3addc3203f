/**
 * Names and folder paths from uploads are shown and matched, never used as storage keys.
 * Control characters (NUL included) are dropped, `..`/`.` segments and leading slashes removed,
 * backslashes treated as separators, lengths capped.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function cleanSegment(segment: string): string {
  return segment.normalize("NFC").replace(CONTROL, "").trim().slice(0, 255);
}

/** A relative path like `VERAO/VD24-0123/x.jpg`, or null when nothing is left. */
export function sanitizeRelativePath(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const segments = raw
    .replace(/\\/g, "/")
    .split("/")
    .map(cleanSegment)
    .filter((s) => s !== "" && s !== "." && s !== "..");
  if (segments.length === 0) return null;
  return segments.join("/").slice(0, 1024);
}

/** The file's own name (last path segment), sanitised; falls back to "sem-nome". */
export function sanitizeFileName(raw: string | null | undefined): string {
  const path = sanitizeRelativePath(raw);
  const last = path?.split("/").pop();
  return last && last.length > 0 ? last : "sem-nome";
}
