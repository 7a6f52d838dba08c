import fs from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';
import { readProvenance } from '../../plugins/thumbnails/server/src/lib/provenance';
import {
  diskPath,
  getFile,
  removeUploadsAfterAll,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

interface RewriteService {
  rewriteRights(
    id: number,
    rights: Record<string, unknown> | null
  ): Promise<{ done: Promise<{ status: string }> }>;
}

const app = useSharedApp();
removeUploadsAfterAll();
const variants = () => app().strapi.plugin('thumbnails').service('variants') as RewriteService;

const COVER = {
  creators: ['Lawrence W. Sinclair'],
  credit: 'Image created with DALL·E',
  rights: '© 2026 Lawrence W. Sinclair',
  webStatement: 'https://example.com/licence',
  licensor: { name: 'Acme Images', url: 'https://acme.example/licensing' },
  usageTerms: 'Editorial use only',
  digitalSourceType: AI_SOURCE_TYPE,
};

/** What every variant's XMP must say: the rights and the source type, not the usage terms. */
const WRITTEN = {
  version: 1,
  rights: {
    creator: ['Lawrence W. Sinclair'],
    creditLine: 'Image created with DALL·E',
    copyrightNotice: '© 2026 Lawrence W. Sinclair',
    webStatement: 'https://example.com/licence',
    licensor: { name: 'Acme Images', url: 'https://acme.example/licensing' },
  },
  digitalSourceType: AI_SOURCE_TYPE,
  aiGenerated: true,
};

const bytesOf = (file: ApiFile, key: string) => fs.readFileSync(diskPath(file.formats![key].url));

/** Nothing private: no EXIF block at all, and none of the private values anywhere in the bytes. */
async function expectNoPrivateData(bytes: Buffer) {
  const meta = await sharp(bytes).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  const text = bytes.toString('latin1');
  for (const secret of ['SERIAL-12345', 'Private Owner', 'TestCam', 'Exif Artist', 'GPS'])
    expect(text).not.toContain(secret);
}

describe('variants of an image with rights and private EXIF (GPS, serial, owner)', () => {
  const formats = () => app().strapi.config;
  let saved: unknown;
  let file: ApiFile;
  beforeAll(async () => {
    saved = formats().get('plugin::thumbnails.formats');
    formats().set('plugin::thumbnails.formats', ['webp', 'avif']);
    const res = await uploadFile(
      app(),
      await imageWithRights('jpeg', COVER),
      'rights.jpg',
      'image/jpeg'
    );
    expect(res.status).toBe(201);
    file = res.body[0];
  });
  afterAll(() => formats().set('plugin::thumbnails.formats', saved));

  it.each(['og_webp', 'card_avif', 'square_webp', 'og_avif'])(
    '%s carries the rights XMP and nothing private',
    async (key) => {
      const bytes = bytesOf(file, key);
      expect(await readProvenance(sharp, bytes)).toEqual(WRITTEN);
      await expectNoPrivateData(bytes);
    }
  );

  it("Strapi's own JPEG formats carry the same XMP (read with exifr) and no GPS", async () => {
    for (const key of ['thumbnail', 'small', 'medium', 'large']) {
      const bytes = bytesOf(file, key);
      expect(file.formats![key].sizeInBytes).toBe(bytes.length);
      const parsed = await exifr.parse(bytes, {
        xmp: true,
        gps: true,
        mergeOutput: false,
      } as never);
      expect(parsed.photoshop).toEqual({ Credit: 'Image created with DALL·E' });
      expect(parsed.Iptc4xmpExt).toEqual({ DigitalSourceType: AI_SOURCE_TYPE });
      expect(parsed.gps).toBeUndefined();
      await expectNoPrivateData(bytes);
    }
  });

  it("the stored original, re-encoded by Strapi's size optimization, keeps its rights as XMP and loses its GPS", async () => {
    const bytes = fs.readFileSync(diskPath(file.url));
    // the size the Media Library shows (kB, two decimals) is that of the stored bytes
    expect((file as unknown as { size: number }).size).toBe(Math.round(bytes.length / 10) / 100);
    const parsed = await exifr.parse(bytes, { xmp: true, gps: true, mergeOutput: false } as never);
    expect(parsed.photoshop).toEqual({ Credit: 'Image created with DALL·E' });
    expect(parsed.Iptc4xmpExt).toEqual({ DigitalSourceType: AI_SOURCE_TYPE });
    expect(parsed.gps).toBeUndefined();
    await expectNoPrivateData(bytes);
  });

  it('rewriteRights puts the effective credit into new variant files, in the background, and removes the old ones', async () => {
    const before = await getFile(app(), file.id);
    const { done } = await variants().rewriteRights(file.id, {
      creator: ['Jane Doe'],
      creditLine: 'Image created with DALL·E, © Jane Doe',
      copyrightNotice: '© 2026 Jane Doe',
      digitalSourceType: AI_SOURCE_TYPE,
    });
    expect((await done).status).toBe('generated');
    const after = await getFile(app(), file.id);
    expect(after.formats!.og_webp.url).not.toBe(before.formats!.og_webp.url);
    expect(fs.existsSync(diskPath(before.formats!.og_webp.url))).toBe(false);
    expect(await readProvenance(sharp, bytesOf(after, 'og_avif'))).toEqual({
      version: 1,
      rights: {
        creator: ['Jane Doe'],
        creditLine: 'Image created with DALL·E, © Jane Doe',
        copyrightNotice: '© 2026 Jane Doe',
      },
      digitalSourceType: AI_SOURCE_TYPE,
      aiGenerated: true,
    });
    // the file's own provenance is what the image said, whatever the variants now say
    expect(after.provenance).toMatchObject({ rights: { creator: ['Lawrence W. Sinclair'] } });

    const reset = await variants().rewriteRights(file.id, null);
    expect((await reset.done).status).toBe('generated');
    expect(await readProvenance(sharp, bytesOf(await getFile(app(), file.id), 'og_webp'))).toEqual(
      WRITTEN
    );
  });

  it('rewriteRights answers 404 for a file that does not exist', async () => {
    await expect(variants().rewriteRights(999_999, null)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });
});

describe('variants of an image without rights', () => {
  it('carry no XMP and no EXIF', async () => {
    const res = await uploadFile(
      app(),
      await imageWithRights('jpeg', {}, { exif: false }),
      'no-rights.jpg',
      'image/jpeg'
    );
    expect(res.status).toBe(201);
    const file = res.body[0] as ApiFile;
    for (const key of ['og_webp', 'thumbnail']) {
      const bytes = bytesOf(file, key);
      expect((await sharp(bytes).metadata()).xmp).toBeUndefined();
      await expectNoPrivateData(bytes);
    }
  });
});
