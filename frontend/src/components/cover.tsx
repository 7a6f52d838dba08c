/**
 * The article's cover as `<picture>`: AVIF and WebP width ladders (`srcset`/`sizes` as the thumbnails
 * plugin publishes them on the `og` preset), explicit width and height (no layout shift), the blur
 * placeholder behind the image until it has loaded, `fetchpriority="high"` (it is the page's largest
 * image), and the credit line under it. Works without JavaScript.
 */
import type { ReactNode } from 'react';
import { mediaSrcset, mediaUrl } from '../lib/urls';

interface Variant {
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

/** The variant `<picture>` uses and the sources it offers, best format first. */
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

export function Cover({
  file,
  credit,
  media,
}: {
  file: CoverFile;
  credit: string | null;
  media: string;
}): ReactNode {
  const { sources, src, width, height } = coverSources(file, media);
  const background = file.placeholder
    ? {
        backgroundImage: `url("${file.placeholder}")`,
        backgroundSize: 'cover',
      }
    : file.dominantColor
      ? { backgroundColor: file.dominantColor }
      : {};
  return (
    <figure className="cover">
      <picture>
        {sources.map((entry) => (
          <source key={entry.type} type={entry.type} srcSet={entry.srcSet} sizes={entry.sizes} />
        ))}
        <img
          src={src}
          alt={file.alternativeText ?? ''}
          width={width}
          height={height}
          fetchPriority="high"
          decoding="async"
          style={background}
        />
      </picture>
      {credit ? <figcaption className="credit-line">{credit}</figcaption> : null}
    </figure>
  );
}
