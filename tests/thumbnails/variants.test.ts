import fs from 'node:fs';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import {
  EXT,
  makeAnimatedGif,
  makeImage,
  makePhoneJpeg,
  MIME,
  type ImageFormat,
} from '../helpers/thumbnails-images';
import {
  diskPath,
  getFile,
  THUMBNAIL_KEYS,
  uploadFile,
  removeUploadsAfterAll,
  type ApiFile,
} from '../helpers/thumbnails-upload';

const app = useSharedApp();
removeUploadsAfterAll();

const upload = async (
  bytes: Buffer,
  filename: string,
  mime: string,
  fileInfo?: Record<string, unknown>
) => {
  const res = await uploadFile(app(), bytes, filename, mime, fileInfo);
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
};

const dims = (file: ApiFile) =>
  Object.fromEntries(
    THUMBNAIL_KEYS.map((key) => [key, [file.formats?.[key]?.width, file.formats?.[key]?.height]])
  );

describe('an uploaded JPEG', () => {
  let file: ApiFile;
  beforeAll(async () => {
    file = await upload(await makeImage(2400, 1600, 'jpeg'), 'cover.jpg', 'image/jpeg');
  });

  it('gets the card, square and og WebP variants next to Strapi formats in the upload response', () => {
    expect(Object.keys(file.formats!).sort()).toEqual([
      'card_webp',
      'card_webp_320w',
      'large',
      'medium',
      'og_webp',
      'og_webp_320w',
      'og_webp_640w',
      'og_webp_960w',
      'small',
      'square_webp',
      'square_webp_320w',
      'thumbnail',
    ]);
    expect(dims(file)).toEqual({
      card_webp: [640, 360],
      square_webp: [400, 400],
      og_webp: [1200, 630],
    });
    for (const key of THUMBNAIL_KEYS) {
      expect(file.formats![key]).toMatchObject({
        mime: 'image/webp',
        ext: '.webp',
        url: expect.stringMatching(/^\/uploads\/.+\.webp$/),
      });
      expect(file.formats![key].size).toBeGreaterThan(0);
    }
  });

  it('stores each variant through the provider: a WebP on disk of the recorded size and dimensions', async () => {
    for (const key of THUMBNAIL_KEYS) {
      const entry = file.formats![key];
      const bytes = fs.readFileSync(diskPath(entry.url));
      expect(bytes.length).toBe(entry.sizeInBytes);
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', entry.width, entry.height]);
    }
  });

  it('serves the variants over HTTP', async () => {
    const res = await app().http().get(file.formats!.og_webp.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
  });

  it('has a blur placeholder of at most 1 KB and a dominant colour', async () => {
    expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(Buffer.byteLength(file.placeholder!)).toBeLessThanOrEqual(1024);
    const tiny = await sharp(Buffer.from(file.placeholder!.split(',')[1], 'base64')).metadata();
    expect([tiny.width, tiny.height]).toEqual([16, 11]);
    expect(file.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('shows the same variants and placeholder in GET /api/upload/files', async () => {
    const res = await app()
      .http()
      .get('/api/upload/files')
      .set('Authorization', `Bearer ${await app().token()}`);
    expect(res.status).toBe(200);
    const listed = (res.body as ApiFile[]).find((item) => item.id === file.id)!;
    expect(listed.formats).toEqual(file.formats);
    expect(listed.placeholder).toBe(file.placeholder);
    expect(listed.dominantColor).toBe(file.dominantColor);
    expect((await getFile(app(), file.id)).formats).toEqual(file.formats);
  });
});

describe('source formats', () => {
  it.each(['png', 'webp', 'avif', 'tiff', 'gif'] as ImageFormat[])(
    'makes the variants from a %s upload',
    async (format) => {
      const file = await upload(
        await makeImage(1400, 900, format),
        `source.${EXT[format]}`,
        MIME[format]
      );
      expect(file.mime).toBe(MIME[format]);
      expect(dims(file)).toEqual({
        card_webp: [640, 360],
        square_webp: [400, 400],
        og_webp: [1200, 630],
      });
      expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
    }
  );

  it('uses the first frame of an animated GIF', async () => {
    const file = await upload(
      await makeAnimatedGif(300, 200, [
        [0, 200, 0],
        [200, 0, 0],
        [0, 0, 200],
      ]),
      'anim.gif',
      'image/gif'
    );
    expect(dims(file).og_webp).toEqual([300, 158]);
    const { data } = await sharp(fs.readFileSync(diskPath(file.formats!.square_webp.url)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([data[0] < 60, data[1] > 150, data[2] < 60]).toEqual([true, true, true]);
  });
});

describe('geometry and metadata', () => {
  it('never enlarges: a small source gets crops of the preset ratio at its own scale', async () => {
    const file = await upload(await makeImage(500, 300, 'jpeg'), 'small.jpg', 'image/jpeg');
    expect(dims(file)).toEqual({
      card_webp: [500, 281],
      square_webp: [300, 300],
      og_webp: [500, 263],
    });
  });

  /**
   * Strapi's default "size optimization" re-encodes JPEGs and drops EXIF (orientation included) before
   * storing them, so the plugin only ever sees an orientation when that setting is off (or Strapi's own
   * "auto orientation" already rotated the file). These tests store the phone photo untouched.
   */
  let settings: Record<string, unknown>;
  const uploadService = () => app().strapi.plugin('upload').service('upload');
  beforeAll(async () => {
    settings = await uploadService().getSettings();
    await uploadService().setSettings({
      ...settings,
      sizeOptimization: false,
      autoOrientation: false,
    });
  });
  afterAll(async () => {
    await uploadService().setSettings(settings);
  });

  it('auto-orients from EXIF and writes variants without any metadata (no GPS)', async () => {
    const source = await makePhoneJpeg(1600, 900, 6); // stored landscape, displayed portrait 900×1600
    expect((await sharp(source).metadata()).exif?.toString('latin1')).toContain('TestPhone');
    const file = await upload(source, 'phone.jpg', 'image/jpeg');
    expect(
      (await sharp(fs.readFileSync(diskPath(file.url))).metadata()).exif?.toString('latin1')
    ).toContain('TestPhone');
    expect(dims(file)).toEqual({
      card_webp: [640, 360],
      square_webp: [400, 400],
      og_webp: [900, 473],
    });
    for (const key of THUMBNAIL_KEYS) {
      const meta = await sharp(fs.readFileSync(diskPath(file.formats![key].url))).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
  });

  it.each([
    [3, [1600, 900]],
    [8, [900, 1600]],
  ])('reads EXIF orientation %i', async (orientation, [width, height]) => {
    const file = await upload(
      await makePhoneJpeg(1600, 900, orientation),
      `orientation-${orientation}.jpg`,
      'image/jpeg'
    );
    const og = file.formats!.og_webp;
    expect([og.width, og.height]).toEqual(width > height ? [1200, 630] : [900, 473]);
  });

  it('crops around the focal point set at upload', async () => {
    // left half red, right half blue
    const source = await makePhoneJpeg(1800, 600, 1);
    const centre = async (focalPoint: { x: number; y: number }) => {
      const file = await upload(source, `focal-${focalPoint.x}.jpg`, 'image/jpeg', { focalPoint });
      const { data } = await sharp(fs.readFileSync(diskPath(file.formats!.square_webp.url)))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const at = (200 * 400 + 200) * 3;
      return data[at] > 200 && data[at + 2] < 60
        ? 'red'
        : data[at] < 60 && data[at + 2] > 200
          ? 'blue'
          : 'mixed';
    };
    expect(await centre({ x: 10, y: 50 })).toBe('red');
    expect(await centre({ x: 90, y: 50 })).toBe('blue');
  });
});

describe('AVIF as an extra format', () => {
  const config = () => app().strapi.config;
  let saved: { formats: unknown; avif: unknown };
  beforeAll(() => {
    saved = {
      formats: config().get('plugin::thumbnails.formats'),
      avif: config().get('plugin::thumbnails.avif'),
    };
    config().set('plugin::thumbnails.formats', ['webp', 'avif']);
    config().set('plugin::thumbnails.avif', { quality: 45, effort: 0 });
  });
  afterAll(() => {
    config().set('plugin::thumbnails.formats', saved.formats);
    config().set('plugin::thumbnails.avif', saved.avif);
  });

  it('adds <preset>_avif entries encoded as AVIF', async () => {
    const file = await upload(await makeImage(1600, 1000, 'jpeg'), 'both.jpg', 'image/jpeg');
    for (const preset of ['card', 'square', 'og']) {
      const avif = file.formats![`${preset}_avif`];
      expect(avif).toMatchObject({
        mime: 'image/avif',
        ext: '.avif',
        width: file.formats![`${preset}_webp`].width,
      });
      const meta = await sharp(fs.readFileSync(diskPath(avif.url))).metadata();
      expect([meta.format, meta.compression]).toEqual(['heif', 'av1']);
    }
  });
});
