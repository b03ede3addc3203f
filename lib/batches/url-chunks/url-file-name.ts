import { normalizeSkuKey } from "@/lib/sku";

/**
 * The file name and folder a fetched URL is recorded with, so matching reads it like an uploaded
 * file's: the list's `name` column, else the last segment of its `path` column, else the URL's last
 * path segment (decoded, without the query). The `path` column is where the file sits, like an
 * upload's relative path (`VERAO/VD24-0123_01.jpg`, or just the folder `VERAO/VD24-0123`: a last
 * segment without an extension is a folder). A `sku`
 * column is put in front of the name (`<sku>_<name>`) unless the name already starts with it, so the
 * SKU matcher finds it exactly as in a file named after the SKU.
 */
export type UrlRow = { url: string; name: string | null; path: string | null; sku: string | null };

function segmentsOf(value: string): string[] {
  return value.replace(/\\/g, "/").split("/").filter(Boolean);
}

function urlLastSegment(raw: string): string {
  let segment: string;
  try {
    segment = segmentsOf(new URL(raw).pathname).pop() ?? "";
  } catch {
    return "";
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A path whose last segment has an extension names the file itself; otherwise it is the folder. */
const HAS_EXTENSION = /\.[A-Za-z0-9]{2,5}$/;

export function urlFileName(row: UrlRow): { fileName: string; relativePath: string | null } {
  const path = segmentsOf(row.path?.trim() ?? "");
  const pathFile = HAS_EXTENSION.test(path[path.length - 1] ?? "") ? path[path.length - 1] : undefined;
  const name = row.name?.trim() || pathFile || urlLastSegment(row.url) || "sem-nome";
  const sku = row.sku?.trim();
  const fileName = sku && !normalizeSkuKey(name).startsWith(normalizeSkuKey(sku)) ? `${sku}_${name}` : name;
  const folder = pathFile !== undefined ? path.slice(0, -1) : path;
  return { fileName, relativePath: folder.length > 0 ? [...folder, fileName].join("/") : null };
}
