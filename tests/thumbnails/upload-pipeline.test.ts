import { makeImage, makePhoneJpeg } from '../helpers/thumbnails-images';
import {
  removeUploadsAfterAll,
  THUMBNAIL_KEYS,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';
import { type TestApp, useTestApp } from '../helpers/strapi';

/**
 * One upload reads its image as few times as it can: the plugin's check, provenance read, orientation
 * and variants hand on what they read (lib/upload-state.ts) instead of each opening the file again, and
 * Strapi's own full-size faulty-image decode is skipped for a file the check already decoded. Counted
 * through `sharp` itself: this file boots its own app, so the app loads the counting `sharp` below.
 */
const opened: Array<{ encoded: boolean }> = [];
jest.mock('sharp', () => {
  const actual = jest.requireActual('sharp');
  const counted = (...args: unknown[]) => {
    const options = args[1] as { raw?: unknown } | undefined;
    // an instance on decoded pixels (`raw`) reads no file; every other one parses encoded bytes
    opened.push({ encoded: !options?.raw });
    return actual(...args);
  };
  return Object.assign(counted, actual, { default: counted });
});

const testApp = useTestApp();
removeUploadsAfterAll();
let app: TestApp;
beforeAll(() => {
  app = testApp();
});

/** Before the steps handed on what they read, a JPEG upload opened encoded bytes 19 times (Strapi's own steps included). */
const MOST_OPENS = 16;

it.each([
  ['a camera JPEG', 'camera.jpg', () => makeImage(1600, 1000, 'jpeg')],
  [
    'a phone photo stored sideways (EXIF orientation 6)',
    'phone.jpg',
    () => makePhoneJpeg(1600, 1000, 6),
  ],
])(
  '%s is opened at most sixteen times by one upload, and gets its formats and variants',
  async (_label, name, make) => {
    const bytes = await make();
    opened.length = 0;
    const res = await uploadFile(app, bytes, name, 'image/jpeg');
    expect(res.status).toBe(201);
    const encodedOpens = opened.filter((open) => open.encoded).length;
    expect(encodedOpens).toBeLessThanOrEqual(MOST_OPENS);
    const file = res.body[0] as ApiFile;
    expect(Object.keys(file.formats ?? {})).toEqual(
      expect.arrayContaining(['thumbnail', 'small', 'medium', 'large', ...THUMBNAIL_KEYS])
    );
    expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
  }
);

it('writes the file row once per upload, variants included, so readers of the row see one change', async () => {
  const writes: Array<{ action: string; id?: number }> = [];
  app.strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file'],
    async afterCreate(event) {
      writes.push({ action: 'create', id: (event.result as { id?: number } | undefined)?.id });
    },
    async afterUpdate(event) {
      writes.push({ action: 'update', id: (event.result as { id?: number } | undefined)?.id });
    },
  });
  const res = await uploadFile(app, await makeImage(1400, 900, 'png'), 'once.png', 'image/png');
  expect(res.status).toBe(201);
  const file = res.body[0] as ApiFile;
  expect(writes).toEqual([{ action: 'create', id: file.id }]);
  const row = (await app.strapi.db
    .query('plugin::upload.file')
    .findOne({ where: { id: file.id } })) as ApiFile;
  expect(Object.keys(row.formats ?? {})).toEqual(expect.arrayContaining(THUMBNAIL_KEYS));
  expect(row.formats).toEqual(file.formats);
  expect(row.placeholder).toBe(file.placeholder);
});
