import { ImageIcon } from "./icons";

/**
 * A photo's thumbnail filling its (square, sized) box, or an icon with `missingText` when there is
 * none yet. Thumbnails are small JPEGs from our own API behind cookie auth: a plain lazy <img>,
 * not next/image.
 */
export function Thumbnail({ src, alt = "", missingText }: { src: string | null; alt?: string; missingText: string }) {
  if (!src)
    return (
      <span className="flex size-full flex-col items-center justify-center gap-1 text-slate-400">
        <ImageIcon className="size-8" />
        <span className="text-xs">{missingText}</span>
      </span>
    );
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img src={src} alt={alt} loading="lazy" decoding="async" className="absolute inset-0 size-full object-contain" />
  );
}
