import { coverSources, type CoverFile } from '../../frontend/src/lib/cover-sources';
import { documentsOf } from '../helpers/content';
import { useSharedApp } from '../helpers/strapi';
import { makeImage } from '../helpers/thumbnails-images';
import {
  getFile,
  removeUploadsAfterAll,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

interface LadderEntry {
  url: string;
  width: number;
  height: number;
  srcset?: string;
  sizes?: string;
}

const app = useSharedApp();
removeUploadsAfterAll();
const config = () => app().strapi.config;
const regenerate = () =>
  app().strapi.plugin('thumbnails').service('regenerate') as {
    run(options?: object): Promise<{ completed: boolean }>;
  };

const upload = async (width: number, height: number) => {
  const res = await uploadFile(
    app(),
    await makeImage(width, height, 'jpeg'),
    `ladder-${width}.jpg`,
    'image/jpeg'
  );
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
};
const entry = (file: ApiFile, key: string) => file.formats?.[key] as unknown as LadderEntry;

/** [url, width] pairs of a srcset string. */
const parseSrcset = (srcset: string) => srcset.split(', ').map((candidate) => candidate.split(' '));

describe('responsive widths', () => {
  let saved: unknown;
  beforeAll(() => {
    saved = config().get('plugin::thumbnails.formats');
    config().set('plugin::thumbnails.formats', ['webp', 'avif']);
  });
  afterAll(() => config().set('plugin::thumbnails.formats', saved));

  it('gives each preset variant a srcset over its ladder (WebP and AVIF) and a sizes hint; every URL is served', async () => {
    const file = await upload(2400, 1600);
    for (const format of ['webp', 'avif']) {
      const og = entry(file, `og_${format}`);
      expect(og.sizes).toBe('(max-width: 1200px) 100vw, 1200px');
      const candidates = parseSrcset(og.srcset!);
      expect(candidates.map(([, width]) => width)).toEqual(['320w', '640w', '960w', '1200w']);
      expect(candidates.map(([url]) => url)).toEqual([
        entry(file, `og_${format}_320w`).url,
        entry(file, `og_${format}_640w`).url,
        entry(file, `og_${format}_960w`).url,
        og.url,
      ]);
      expect([
        entry(file, `og_${format}_640w`).width,
        entry(file, `og_${format}_640w`).height,
      ]).toEqual([640, 336]);
      for (const [url] of candidates) {
        const res = await app().http().get(url);
        expect([res.status, res.headers['content-type']]).toEqual([200, `image/${format}`]);
      }
    }
    expect(parseSrcset(entry(file, 'square_webp').srcset!).map(([, width]) => width)).toEqual([
      '320w',
      '400w',
    ]);
  });

  it("gives the article page's cover an AVIF source with the AVIF width ladder", async () => {
    const file = await upload(2400, 1600);
    const article = await documentsOf(app(), 'api::article.article').create({
      status: 'published',
      data: { title: `Cover in AVIF ${Date.now().toString(36)}`, cover: file.id },
    });
    // what the reference frontend reads and hands its <picture> (frontend/src/components/cover.tsx)
    const res = await app().http().get(`/api/articles/by-slug/${article.slug}`);
    expect(res.status).toBe(200);
    const { sources } = coverSources(res.body.data.cover as CoverFile, 'https://cms.example.com');
    expect(sources.map((source) => source.type)).toEqual(['image/avif', 'image/webp']);
    const avif = parseSrcset(sources[0].srcSet);
    expect(avif.map(([, width]) => width)).toEqual(['320w', '640w', '960w', '1200w']);
    expect(
      avif.every(([url]) => /^https:\/\/cms\.example\.com\/uploads\/.+\.avif$/.test(url))
    ).toBe(true);
    expect(sources[0].sizes).toBe('(max-width: 1200px) 100vw, 1200px');
  });

  it('never enlarges: a 700 px wide source gets only the rungs below its own variant width', async () => {
    const file = await upload(700, 500);
    expect(entry(file, 'og_webp').width).toBe(700);
    expect(parseSrcset(entry(file, 'og_webp').srcset!).map(([, width]) => width)).toEqual([
      '320w',
      '640w',
      '700w',
    ]);
    expect(file.formats).not.toHaveProperty('og_webp_960w');
  });

  it('thumbnails:regenerate fills the ladder for media uploaded without one', async () => {
    config().set('plugin::thumbnails.responsive', {
      enabled: false,
      widths: [320, 640, 960, 1280, 1920],
    });
    let file: ApiFile;
    try {
      file = await upload(1600, 1000);
      expect(Object.keys(file.formats!).filter((key) => key.endsWith('w'))).toEqual([]);
      expect(entry(file, 'og_webp').srcset).toBe(`${entry(file, 'og_webp').url} 1200w`);
    } finally {
      config().set('plugin::thumbnails.responsive', {
        enabled: true,
        widths: [320, 640, 960, 1280, 1920],
      });
    }
    expect((await regenerate().run({ restart: true })).completed).toBe(true);
    const after = await getFile(app(), file.id);
    expect(parseSrcset(entry(after, 'og_avif').srcset!).map(([, width]) => width)).toEqual([
      '320w',
      '640w',
      '960w',
      '1200w',
    ]);
    expect(after.formats).toHaveProperty('card_webp_320w');
  });
});
