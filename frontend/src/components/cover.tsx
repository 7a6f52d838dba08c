/**
 * The article's cover as `<picture>`: AVIF and WebP width ladders (`srcset`/`sizes` as the thumbnails
 * plugin publishes them on the `og` preset), explicit width and height (no layout shift), the blur
 * placeholder behind the image until it has loaded, `fetchpriority="high"` (it is the page's largest
 * image), and the credit line under it. Works without JavaScript.
 */
import type { ReactNode } from 'react';
import { coverSources, type CoverFile } from '../lib/cover-sources';

export type { CoverFile };

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
