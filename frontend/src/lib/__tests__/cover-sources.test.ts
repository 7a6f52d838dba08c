import { coverSources, type CoverFile } from '../cover-sources';

/** A ladder as the thumbnails plugin publishes it on the `og` preset's own variant. */
const ladder = (format: 'webp' | 'avif') => ({
  url: `/uploads/og_${format}_abc.${format}`,
  width: 1200,
  height: 630,
  sizes: '(max-width: 1200px) 100vw, 1200px',
  srcset: [320, 640, 960]
    .map((width) => `/uploads/og_${format}_${width}w_abc.${format} ${width}w`)
    .concat(`/uploads/og_${format}_abc.${format} 1200w`)
    .join(', '),
});

const MEDIA = 'https://cms.example.com';

describe('coverSources', () => {
  it('offers the AVIF width ladder first when the API has AVIF variants, then WebP', () => {
    const file: CoverFile = {
      url: '/uploads/cover.jpg',
      width: 2400,
      height: 1600,
      formats: { og_webp: ladder('webp'), og_avif: ladder('avif') },
    };
    const { sources, src, width, height } = coverSources(file, MEDIA);
    expect(sources.map((source) => source.type)).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]).toEqual({
      type: 'image/avif',
      srcSet: [
        `${MEDIA}/uploads/og_avif_320w_abc.avif 320w`,
        `${MEDIA}/uploads/og_avif_640w_abc.avif 640w`,
        `${MEDIA}/uploads/og_avif_960w_abc.avif 960w`,
        `${MEDIA}/uploads/og_avif_abc.avif 1200w`,
      ].join(', '),
      sizes: '(max-width: 1200px) 100vw, 1200px',
    });
    // the <img> is the WebP variant, with its own size (no layout shift)
    expect([src, width, height]).toEqual([`${MEDIA}/uploads/og_webp_abc.webp`, 1200, 630]);
  });

  it('offers no AVIF source when the API has none (THUMBNAILS_FORMATS without avif)', () => {
    const { sources } = coverSources({ formats: { og_webp: ladder('webp') } }, MEDIA);
    expect(sources.map((source) => source.type)).toEqual(['image/webp']);
  });

  it('offers a single rung when a variant has no srcset, and the original when there are no variants', () => {
    const single = coverSources(
      { formats: { og_avif: { url: '/uploads/a.avif', width: 700, height: 368 } } },
      MEDIA
    );
    expect(single.sources).toEqual([
      { type: 'image/avif', srcSet: `${MEDIA}/uploads/a.avif 700w`, sizes: undefined },
    ]);
    const original = coverSources({ url: '/uploads/a.png', width: 300, height: 200 }, MEDIA);
    expect(original).toEqual({
      sources: [],
      src: `${MEDIA}/uploads/a.png`,
      width: 300,
      height: 200,
    });
  });
});
