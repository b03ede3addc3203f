/**
 * The real type of an upload from its first bytes (never from the name or the client's MIME).
 * 32 bytes are enough for every accepted format.
 */
export const IMAGE_SNIFF_BYTES = 32;

export type AcceptedImageType = {
  format: "jpeg" | "png" | "gif" | "webp" | "tiff" | "heif" | "avif";
  mime: string;
  extension: string;
};

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

export function detectImageType(head: Uint8Array): AcceptedImageType | null {
  const b = head;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)
    return { format: "jpeg", mime: "image/jpeg", extension: "jpg" };
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    ascii(b, 1, 4) === "PNG" &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  ) {
    return { format: "png", mime: "image/png", extension: "png" };
  }
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a"))
    return { format: "gif", mime: "image/gif", extension: "gif" };
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP")
    return { format: "webp", mime: "image/webp", extension: "webp" };
  if (
    b.length >= 4 &&
    ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))
  ) {
    return { format: "tiff", mime: "image/tiff", extension: "tif" };
  }
  if (b.length >= 12 && ascii(b, 4, 8) === "ftyp") {
    const brand = ascii(b, 8, 12);
    if (AVIF_BRANDS.has(brand)) return { format: "avif", mime: "image/avif", extension: "avif" };
    if (HEIF_BRANDS.has(brand)) return { format: "heif", mime: "image/heic", extension: "heic" };
  }
  return null;
}

/** Every accepted type by its MIME type (what a direct upload declares before its bytes are read). */
const ACCEPTED_BY_MIME: ReadonlyMap<string, AcceptedImageType> = new Map(
  (
    [
      { format: "jpeg", mime: "image/jpeg", extension: "jpg" },
      { format: "png", mime: "image/png", extension: "png" },
      { format: "gif", mime: "image/gif", extension: "gif" },
      { format: "webp", mime: "image/webp", extension: "webp" },
      { format: "tiff", mime: "image/tiff", extension: "tif" },
      { format: "avif", mime: "image/avif", extension: "avif" },
      { format: "heif", mime: "image/heic", extension: "heic" },
    ] as const
  ).map((type) => [type.mime, type]),
);

export const ACCEPTED_IMAGE_MIMES: readonly string[] = [...ACCEPTED_BY_MIME.keys()];

export function acceptedImageTypeForMime(mime: string): AcceptedImageType | null {
  return ACCEPTED_BY_MIME.get(mime) ?? null;
}

/** Raster types browsers display safely inline; anything else is served as an attachment. */
export const INLINE_SAFE_MIME = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"]);
