import { sanitizeName } from "./sanitize-name";

/** Extensions we strip. Others stay part of the stem: `CAM.24.0456` must not lose `.0456`. */
const KNOWN_EXTENSIONS = new Set([
  "jpg",
  "jpeg",
  "jpe",
  "jfif",
  "png",
  "gif",
  "bmp",
  "tif",
  "tiff",
  "webp",
  "heic",
  "heif",
  "avif",
  "jxl",
  "svg",
  "psd",
  "raw",
  "dng",
  "cr2",
  "cr3",
  "nef",
  "arw",
  "orf",
  "rw2",
  "raf",
]);

/** OS metadata files that are never photos. */
const SYSTEM_FILES = new Set(["thumbs.db", "desktop.ini", "ehthumbs.db"]);

export interface SplitFilename {
  /** Sanitised name without folder and extension(s). */
  stem: string;
  extension: string | null;
  /** Sanitised last folder segment ("" when none). */
  folderSegment: string;
  /** Hidden/system file (`.DS_Store`, `._x.jpg` AppleDouble, `Thumbs.db`, `__MACOSX/…`): never a SKU. */
  ignored: boolean;
}

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]/);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = sanitizeName(parts[i]);
    if (p !== "" && p !== "." && p !== "..") return p;
  }
  return "";
}

/**
 * Splits a (possibly path-carrying) filename into stem, extension and folder segment.
 * A path inside `filename` (`VD24-0123/01.jpg`) is more specific than `folder`, so it wins.
 */
export function splitFilename(filename: string, folder?: string | null): SplitFilename {
  const raw = typeof filename === "string" ? filename : "";
  let name = raw;
  let folderPath = typeof folder === "string" ? folder : "";
  const slash = Math.max(raw.lastIndexOf("/"), raw.lastIndexOf("\\"));
  if (slash >= 0) {
    name = raw.slice(slash + 1);
    folderPath = `${folderPath}/${raw.slice(0, slash)}`;
  }
  name = sanitizeName(name);
  const folderSegment = folderPath === "" ? "" : lastSegment(folderPath);
  const inMacosx = folderPath !== "" && folderPath.includes("__MACOSX");

  let stem = name;
  let extension: string | null = null;
  // Strip repeated known extensions too (`x.JPG.jpg`); report the last one.
  for (;;) {
    const dot = stem.lastIndexOf(".");
    if (dot < 0) break;
    const ext = stem.slice(dot + 1).toLowerCase();
    if (!KNOWN_EXTENSIONS.has(ext)) break;
    extension ??= ext;
    stem = stem.slice(0, dot);
    if (stem.endsWith(" ")) stem = stem.trimEnd();
  }
  const ignored = inMacosx || name.startsWith(".") || (name.length <= 12 && SYSTEM_FILES.has(name.toLowerCase()));
  return { stem, extension, folderSegment, ignored };
}
