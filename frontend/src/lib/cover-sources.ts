/**
 * What the cover's `<picture>` offers, from the file the API answers: the AVIF ladder (only when the
 * thumbnails plugin makes AVIF, `THUMBNAILS_FORMATS` with `avif`), then the WebP ladder, each with the
 * `srcset`/`sizes` the plugin publishes on its `og` preset, and the `<img>` fallback with its size. Pure.
 */
import { mediaSrcset, mediaUrl } from './urls';

export interface Variant {
  url: string;
  width?: number | null;
  height?: number | null;
  srcset?: string;
  sizes?: string;
}

export interface CoverFile {
  url?: string;
  alternativeText?: string | null;
  width?: number | null;
  height?: number | null;
  placeholder?: string | null;
  dominantColor?: string | null;
  formats?: Record<string, Variant | undefined> | null;
}

/**
 * The variant `<picture>` uses and the sources it offers, best format first (a browser takes the first
 * `<source>` whose type it decodes); a format without variants is left out.
 */
export function coverSources(file: CoverFile, media: string) {
  const formats = file.formats ?? {};
  const webp = formats.og_webp;
  const avif = formats.og_avif;
  const fallback = webp ?? { url: file.url ?? '', width: file.width, height: file.height };
  const source = (type: string, variant: Variant | undefined) =>
    variant
      ? {
          type,
          srcSet: mediaSrcset(media, variant.srcset ?? `${variant.url} ${variant.width ?? 0}w`),
          sizes: variant.sizes,
        }
      : null;
  return {
    sources: [source('image/avif', avif), source('image/webp', webp)].filter(
      (entry): entry is NonNullable<typeof entry> => entry !== null && entry.srcSet.length > 0
    ),
    src: mediaUrl(media, fallback.url),
    width: fallback.width ?? 1200,
    height: fallback.height ?? 630,
  };
}
