import fs from 'node:fs';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import { makeOrientedImage, meanAbsDiff, ORIENTED_SIZE } from '../helpers/thumbnails-images';
import type { RegenerateService } from '../../plugins/thumbnails/server/src/services/regenerate';
import type { VariantsService } from '../../plugins/thumbnails/server/src/services/variants';
import {
  diskPath,
  getFile,
  stripVariants,
  THUMBNAIL_KEYS,
  uploadFile,
  type ApiFile,
  removeUploadsAfterAll,
} from '../helpers/thumbnails-upload';

/**
 * Phone photos come out upright on a fresh install, in every stored format (Strapi's thumbnail/small/
 * medium/large and the plugin's), with the displayed width/height. Each upload is compared pixel by
 * pixel with the same picture uploaded with orientation 1: a mirrored or rotated format differs from it
 * by 40–150 (mean absolute difference, 0–255), an upright one by a few units of encoder noise.
 */
const app = useSharedApp();
removeUploadsAfterAll();

const UPRIGHT = 10;
const STRAPI_KEYS = ['thumbnail', 'small', 'medium', 'large'];
const MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tiff: 'image/tiff',
} as const;
const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp', tiff: 'tiff' } as const;
type Format = keyof typeof MIME;

const upload = async (orientation: number, format: Format = 'jpeg') => {
  const res = await uploadFile(
    app(),
    await makeOrientedImage(orientation, format),
    `orientation-${orientation}.${EXT[format]}`,
    MIME[format]
  );
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
};

const bytesOf = (url: string) => fs.readFileSync(diskPath(url));

/** For each stored format (and the original): its size and how far its pixels are from the reference's. */
async function compare(file: ApiFile, reference: ApiFile, keys: string[]) {
  const result: Record<string, { size: [number, number]; diff: number }> = {};
  const original = bytesOf(file.url);
  expect((await sharp(original).metadata()).orientation ?? 1).toBe(1);
  result.original = {
    size: [file.width!, file.height!],
    diff: await meanAbsDiff(original, bytesOf(reference.url)),
  };
  for (const key of keys) {
    const entry = file.formats?.[key];
    if (!entry) throw new Error(`${file.name} has no ${key} format`);
    result[key] = {
      size: [entry.width, entry.height],
      diff: await meanAbsDiff(bytesOf(entry.url), bytesOf(reference.formats![key].url)),
    };
  }
  return result;
}

/** Asserts every compared format has the reference's size and differs from it only by encoder noise. */
function expectUpright(
  result: Awaited<ReturnType<typeof compare>>,
  reference: ApiFile,
  keys: string[]
) {
  const sizes = Object.fromEntries(Object.entries(result).map(([key, { size }]) => [key, size]));
  expect(sizes).toEqual(
    Object.fromEntries([
      ['original', [ORIENTED_SIZE.width, ORIENTED_SIZE.height]],
      ...keys.map((key) => [key, [reference.formats![key].width, reference.formats![key].height]]),
    ])
  );
  const sideways = Object.entries(result)
    .filter(([, { diff }]) => diff >= UPRIGHT)
    .map(([key, { diff }]) => `${key} (mean abs diff ${diff.toFixed(1)})`);
  expect(sideways).toEqual([]);
}

const ALL_KEYS = [...STRAPI_KEYS, ...THUMBNAIL_KEYS];

it('a fresh install has the Media Library "auto orientation" setting on', async () => {
  const settings = await app().strapi.plugin('upload').service('upload').getSettings();
  expect(settings).toMatchObject({
    autoOrientation: true,
    sizeOptimization: true,
    responsiveDimensions: true,
  });
});

describe('JPEG, all eight EXIF orientations, default settings', () => {
  let reference: ApiFile;
  beforeAll(async () => {
    reference = await upload(1);
    // width-ladder rungs (`og_webp_640w`…) are covered by responsive.test.ts
    expect(
      Object.keys(reference.formats!)
        .filter((key) => !/_\d+w$/.test(key))
        .sort()
    ).toEqual([...ALL_KEYS].sort());
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'orientation %i: every format is upright, with the displayed width/height',
    async (orientation) => {
      const file = await upload(orientation);
      expectUpright(await compare(file, reference, ALL_KEYS), reference, ALL_KEYS);
    }
  );
});

describe.each(['png', 'webp', 'tiff'] as const)('%s carrying an EXIF orientation', (format) => {
  let reference: ApiFile;
  beforeAll(async () => {
    reference = await upload(1, format);
  });

  it.each([6, 3])('orientation %i: every format is upright', async (orientation) => {
    const file = await upload(orientation, format);
    expectUpright(await compare(file, reference, ALL_KEYS), reference, ALL_KEYS);
  });
});

describe('whatever the Media Library settings', () => {
  let reference: ApiFile;
  let saved: Record<string, unknown>;
  const uploadService = () => app().strapi.plugin('upload').service('upload');
  beforeAll(async () => {
    reference = await upload(1);
    saved = await uploadService().getSettings();
  });
  afterEach(async () => {
    await uploadService().setSettings(saved);
  });

  it('with size optimization off (Strapi keeps the tagged original), every format is still upright', async () => {
    await uploadService().setSettings({ ...saved, sizeOptimization: false });
    const file = await upload(6);
    expectUpright(await compare(file, reference, ALL_KEYS), reference, ALL_KEYS);
  });

  it('a phone photo uploaded sideways before (tagged original, no variants) gets upright variants from thumbnails:regenerate', async () => {
    await uploadService().setSettings({
      ...saved,
      autoOrientation: false,
      sizeOptimization: false,
    });
    const file = await upload(6);
    await stripVariants(app(), file);
    const regenerate = app().strapi.plugin('thumbnails').service('regenerate') as RegenerateService;
    const summary = await regenerate.run({ restart: true });
    expect(summary.counts.generated).toBeGreaterThanOrEqual(1);
    const regenerated = await getFile(app(), file.id);
    const original = {
      ...regenerated,
      url: reference.url,
      width: ORIENTED_SIZE.width,
      height: ORIENTED_SIZE.height,
    };
    expectUpright(await compare(original, reference, THUMBNAIL_KEYS), reference, THUMBNAIL_KEYS);
  });

  it("with auto orientation switched off by an admin, the plugin's variants are still upright", async () => {
    await uploadService().setSettings({
      ...saved,
      autoOrientation: false,
      sizeOptimization: false,
    });
    const file = await upload(6);
    const result = await compare(
      { ...file, url: reference.url, width: ORIENTED_SIZE.width, height: ORIENTED_SIZE.height },
      reference,
      THUMBNAIL_KEYS
    );
    expectUpright(result, reference, THUMBNAIL_KEYS);
    // the admin's choice stands: Strapi keeps the original as the camera stored it
    expect((await sharp(bytesOf(file.url)).metadata()).orientation).toBe(6);
  });
});

describe('an original stored sideways without its orientation tag', () => {
  let reference: ApiFile;
  beforeAll(async () => {
    reference = await upload(1);
  });

  it('is rotated by rotateOriginal (`thumbnails:regenerate -- --rotate <id>:90`), with every format rebuilt upright at the same URL', async () => {
    // what Strapi's size optimization used to store for a phone photo: the sensor's pixels, tag dropped
    const sideways = await sharp(await makeOrientedImage(6))
      .jpeg({ quality: 90 })
      .toBuffer();
    const res = await uploadFile(app(), sideways, 'lost-its-tag.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const file = res.body[0] as ApiFile;
    expect([file.width, file.height]).toEqual([ORIENTED_SIZE.height, ORIENTED_SIZE.width]);

    const variants = app().strapi.plugin('thumbnails').service('variants') as VariantsService;
    expect(await variants.rotateOriginal(file.id, 90)).toEqual(ORIENTED_SIZE);
    const rotated = await getFile(app(), file.id);
    expect(rotated.url).toBe(file.url);
    expectUpright(await compare(rotated, reference, ALL_KEYS), reference, ALL_KEYS);
  });
});
