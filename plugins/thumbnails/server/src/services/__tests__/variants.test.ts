import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { defaultConfig, type ThumbnailsConfig } from '../../config';
import type { FormatEntry, UploadFile } from '../../lib/formats';
import { picture } from '../../lib/__tests__/images';
import createProvenanceService from '../provenance';
import createVariantsService, { INTERNAL_UPDATE } from '../variants';

interface Fake {
  strapi: Core.Strapi;
  rows: Map<number, UploadFile>;
  stored: Map<string, Buffer>;
  provider: { uploadStream: jest.Mock; delete: jest.Mock };
  update: jest.Mock;
  warn: jest.Mock;
  config: ThumbnailsConfig;
}

const thumbnailFormat: FormatEntry = {
  name: 'thumbnail_photo.jpg',
  hash: 'thumbnail_photo_abc',
  ext: '.jpg',
  mime: 'image/jpeg',
  path: null,
  width: 245,
  height: 150,
  size: 5,
  sizeInBytes: 5000,
  url: '/uploads/thumbnail_photo_abc.jpg',
};

/** A fake Strapi with an in-memory file table and an in-memory upload provider. */
function fakeStrapi(row: UploadFile): Fake {
  const rows = new Map([[row.id, structuredClone(row)]]);
  const stored = new Map<string, Buffer>();
  const config = defaultConfig();
  const provider = {
    uploadStream: jest.fn(
      async (file: { hash: string; ext: string; stream: Readable; url?: string }) => {
        const chunks: Buffer[] = [];
        for await (const chunk of file.stream) chunks.push(chunk as Buffer);
        stored.set(`${file.hash}${file.ext}`, Buffer.concat(chunks));
        file.url = `/uploads/${file.hash}${file.ext}`;
      }
    ),
    delete: jest.fn(async (file: { hash: string; ext: string }) => {
      stored.delete(`${file.hash}${file.ext}`);
    }),
  };
  const update = jest.fn(
    async ({ where, data }: { where: { id: number }; data: Partial<UploadFile> }) => {
      const current = rows.get(where.id);
      if (!current) return null;
      rows.set(where.id, { ...current, ...structuredClone(data) });
      return rows.get(where.id);
    }
  );
  const warn = jest.fn();
  const strapi = {
    config: {
      get: (key: string) =>
        key === 'plugin::thumbnails'
          ? config
          : key === 'plugin::upload'
            ? { provider: 'local' }
            : undefined,
    },
    plugin: () => ({
      provider,
      service: (name: string) => (name === 'provenance' ? provenance : undefined),
    }),
    db: {
      query: () => ({
        findOne: async ({ where }: { where: { id: number } }) =>
          structuredClone(rows.get(where.id) ?? null),
        update,
      }),
    },
    log: { warn },
    dirs: { static: { public: '/nonexistent' } },
  } as unknown as Core.Strapi;
  const provenance = createProvenanceService({ strapi, sharp });
  return { strapi, rows, stored, provider, update, warn, config };
}

const baseRow = (mime = 'image/jpeg'): UploadFile => ({
  id: 7,
  name: 'photo.jpg',
  hash: 'photo_abc',
  ext: '.jpg',
  mime,
  size: 100,
  width: 1600,
  height: 1000,
  url: '/uploads/photo_abc.jpg',
  provider: 'local',
  formats: { thumbnail: thumbnailFormat },
  placeholder: null,
  dominantColor: null,
});

let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await picture(1600, 1000).jpeg().toBuffer();
});

const from = (bytes: Buffer) => ({ getStream: () => Readable.from(bytes) });

describe('variants service', () => {
  it('stores every variant through the provider and records them next to Strapi formats in one update', async () => {
    const fake = fakeStrapi(baseRow());
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    const outcome = await service.generate(7, from(jpeg));

    expect(outcome.status).toBe('generated');
    const row = fake.rows.get(7)!;
    // each preset at its own size plus the ladder widths below it (never enlarged)
    expect(Object.keys(row.formats!).sort()).toEqual([
      'card_webp',
      'card_webp_320w',
      'og_webp',
      'og_webp_320w',
      'og_webp_640w',
      'og_webp_960w',
      'square_webp',
      'square_webp_320w',
      'thumbnail',
    ]);
    expect(row.formats!.og_webp.srcset).toBe(
      ['og_webp_320w', 'og_webp_640w', 'og_webp_960w', 'og_webp']
        .map((key) => `${row.formats![key].url} ${row.formats![key].width}w`)
        .join(', ')
    );
    expect(row.formats!.og_webp.sizes).toBe('(max-width: 1200px) 100vw, 1200px');
    expect([row.formats!.og_webp_640w.width, row.formats!.og_webp_640w.height]).toEqual([640, 336]);
    expect(row.formats!.thumbnail).toEqual(thumbnailFormat);
    expect(row.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(row.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(fake.update).toHaveBeenCalledTimes(1);
    expect(fake.update.mock.calls[0][0][INTERNAL_UPDATE]).toBe(true);
    for (const key of ['card_webp', 'square_webp', 'og_webp']) {
      const entry = row.formats![key];
      const bytes = fake.stored.get(`${entry.hash}${entry.ext}`)!;
      expect(bytes.length).toBe(entry.sizeInBytes);
      expect((await sharp(bytes).metadata()).width).toBe(entry.width);
    }
  });

  it('does nothing for an up-to-date file', async () => {
    const fake = fakeStrapi(baseRow());
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    await service.generate(7, from(jpeg));
    fake.provider.uploadStream.mockClear();
    expect(await service.generate(7, from(jpeg))).toEqual({ status: 'up-to-date' });
    expect(fake.provider.uploadStream).not.toHaveBeenCalled();
    expect(fake.update).toHaveBeenCalledTimes(1);
  });

  it('never half-writes formats: when one upload fails, the others are deleted and the row is untouched', async () => {
    const fake = fakeStrapi(baseRow());
    const upload = fake.provider.uploadStream.getMockImplementation()!;
    fake.provider.uploadStream.mockImplementation(async (file: { hash: string }) => {
      if (file.hash.startsWith('og_')) throw new Error('bucket is full');
      return upload(file);
    });
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    const outcome = await service.generate(7, from(jpeg));

    expect(outcome).toEqual({
      status: 'failed',
      reason: 'storing variants failed (bucket is full)',
    });
    expect(fake.update).not.toHaveBeenCalled();
    expect(fake.stored.size).toBe(0);
    expect(fake.warn).toHaveBeenCalledWith(
      expect.stringContaining('no variants for "photo.jpg" (file 7)')
    );
  });

  it('deletes its fresh files when the row was deleted meanwhile', async () => {
    const fake = fakeStrapi(baseRow());
    const upload = fake.provider.uploadStream.getMockImplementation()!;
    fake.provider.uploadStream.mockImplementation(async (file: { hash: string }) => {
      fake.rows.delete(7);
      return upload(file);
    });
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    expect(await service.generate(7, from(jpeg))).toEqual({ status: 'superseded' });
    expect(fake.stored.size).toBe(0);
    expect(fake.update).not.toHaveBeenCalled();
  });

  it('replaces old variants: new files first, then the old ones are deleted', async () => {
    const fake = fakeStrapi(baseRow());
    fake.config.responsive.enabled = false;
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    await service.generate(7, from(jpeg));
    const oldFiles = [...fake.stored.keys()];
    fake.config.presets = { ...fake.config.presets, square: false };
    fake.config.formats = ['webp', 'avif'];
    fake.config.avif = { quality: 40, effort: 0 };

    expect((await service.generate(7, from(jpeg))).status).toBe('generated');
    const row = fake.rows.get(7)!;
    expect(Object.keys(row.formats!).sort()).toEqual([
      'card_avif',
      'card_webp',
      'og_avif',
      'og_webp',
      'thumbnail',
    ]);
    for (const name of oldFiles) expect(fake.stored.has(name)).toBe(false);
    expect(fake.stored.size).toBe(4);
  });

  it('skips bad input with a warning naming the file, and clears variants left from earlier content', async () => {
    const fake = fakeStrapi(baseRow());
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    await service.generate(7, from(jpeg));
    fake.rows.set(7, { ...fake.rows.get(7)!, size: 1 }); // replaced by something else

    const outcome = await service.generate(7, from(Buffer.from('garbage, not a jpeg')));
    expect(outcome).toMatchObject({ status: 'skipped', notImage: false });
    expect(fake.warn).toHaveBeenCalledWith(
      expect.stringMatching(/no variants for "photo\.jpg" \(file 7\): not a readable image/)
    );
    const row = fake.rows.get(7)!;
    expect(Object.keys(row.formats!)).toEqual(['thumbnail']);
    expect(row.placeholder).toBeNull();
    expect(fake.stored.size).toBe(0);
  });

  it('skips files that are not images without touching the row', async () => {
    const fake = fakeStrapi(baseRow('application/pdf'));
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    expect(await service.generate(7)).toMatchObject({ status: 'skipped', notImage: true });
    expect(fake.warn).toHaveBeenCalledWith(
      expect.stringContaining('application/pdf is not a raster image type')
    );
    expect(await service.generate(7, { quietNotImage: true })).toMatchObject({ status: 'skipped' });
    expect(fake.warn).toHaveBeenCalledTimes(1);
    expect(fake.update).not.toHaveBeenCalled();
  });

  it('leaves files of another upload provider alone (Strapi would never delete their variants)', async () => {
    const fake = fakeStrapi({ ...baseRow(), provider: 'aws-s3' });
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    expect(await service.generate(7, from(jpeg))).toMatchObject({
      status: 'skipped',
      reason: 'stored by another upload provider (aws-s3, now local)',
    });
    expect(fake.stored.size).toBe(0);
  });

  it('plans without reading anything', async () => {
    const fake = fakeStrapi(baseRow());
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    expect(service.plan(baseRow())).toEqual({ action: 'generate', reason: 'no variants yet' });
    expect(service.plan(baseRow('image/svg+xml'))).toMatchObject({
      action: 'skip',
      notImage: false,
    });
    await service.generate(7, from(jpeg));
    expect(service.plan(fake.rows.get(7)!)).toEqual({ action: 'up-to-date' });
    expect(service.plan({ ...fake.rows.get(7)!, focalPoint: { x: 10, y: 20 } })).toEqual({
      action: 'generate',
      reason: 'variants are out of date',
    });
  });
});

describe('variants service, storage trouble', () => {
  it('keeps existing variants when the source cannot be read', async () => {
    const fake = fakeStrapi(baseRow());
    fake.config.responsive.enabled = false;
    const service = createVariantsService({ strapi: fake.strapi, sharp });
    await service.generate(7, from(jpeg));
    const before = structuredClone(fake.rows.get(7));
    fake.config.presets = { ...fake.config.presets, square: false };

    // no temp stream and the (fake) public folder does not exist: reading fails
    const outcome = await service.generate(7);
    expect(outcome).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('could not read the source'),
    });
    expect(fake.rows.get(7)).toEqual(before);
    expect(fake.stored.size).toBe(3);
  });
});
