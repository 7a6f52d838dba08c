import fs from 'node:fs';
import sharp from 'sharp';
import { adminAuth } from '../helpers/admin-api';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { BROKEN, type CorpusFile } from '../helpers/thumbnails-corpus';
import { makeImage, PDF_BYTES, SVG_BYTES } from '../helpers/thumbnails-images';
import {
  captureWarnings,
  watchTemp,
  getFile,
  listUploads,
  removeUploadsSince,
  testName,
  uploadFile,
  type ApiFile,
} from '../helpers/thumbnails-upload';

/**
 * Broken files get a clean answer: a 400 whose message names the file and says why, never a 500, no file
 * row, nothing stored in public/uploads and nothing left in the temp folder.
 */
const fileRows = (app: TestApp) => app.strapi.db.query('plugin::upload.file').count({});

describe('with the plugin', () => {
  const app = useTestApp({ THUMBNAILS_MAX_INPUT_PIXELS: '1000000' });
  let before: Set<string>;
  beforeAll(() => {
    before = listUploads();
  });
  afterAll(() => removeUploadsSince(before));

  it.each(BROKEN.map((c) => [c.label, c] as const))(
    'refuses %s with a 400 naming the file and saying why',
    async (_label, broken) => {
      const rows = await fileRows(app());
      const stored = listUploads();
      const bytes = await broken.bytes();
      const leftovers = watchTemp(bytes);
      const res = await uploadFile(app(), bytes, broken.filename, broken.contentType);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`"${testName(broken.filename)}" was not uploaded: `);
      expect(res.body.error.message).toMatch(broken.why);
      expect(await fileRows(app())).toBe(rows);
      expect([...listUploads()].filter((name) => !stored.has(name))).toEqual([]);
      expect(leftovers()).toEqual([]);
      await app().http().get('/_health').expect(204);
    }
  );

  it("refuses a broken file on the admin's upload route (the Media Library) the same way", async () => {
    const broken = BROKEN.find((c) => c.filename === 'bad-ihdr-crc.png')!;
    const bytes = await broken.bytes();
    const leftovers = watchTemp(bytes);
    const rows = await fileRows(app());
    const res = await app()
      .http()
      .post('/upload')
      .set(await adminAuth(app()))
      .attach('files', bytes, { filename: 'holiday.png', contentType: 'image/png' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^"holiday\.png" was not uploaded: the image data is damaged/
    );
    expect(await fileRows(app())).toBe(rows);
    expect(leftovers()).toEqual([]);
  });

  it('stores nothing from a request whose second file is broken', async () => {
    const good = await makeImage(800, 600, 'jpeg');
    const bytes = await BROKEN[0].bytes();
    const leftovers = watchTemp(good, bytes);
    const rows = await fileRows(app());
    const stored = listUploads();
    const res = await app()
      .http()
      .post('/api/upload')
      .set('Authorization', `Bearer ${await app().token()}`)
      .attach('files', good, { filename: testName('good.jpg'), contentType: 'image/jpeg' })
      .attach('files', bytes, {
        filename: testName(BROKEN[0].filename),
        contentType: BROKEN[0].contentType,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(testName(BROKEN[0].filename));
    expect(await fileRows(app())).toBe(rows);
    expect([...listUploads()].filter((name) => !stored.has(name))).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a broken replacement and keeps the file as it was', async () => {
    const created = await uploadFile(
      app(),
      await makeImage(900, 600, 'png'),
      'to-replace.png',
      'image/png'
    );
    expect(created.status).toBe(201);
    const original = created.body[0] as ApiFile;
    const broken = BROKEN.find((c) => c.filename === 'half.jpg')!;
    const bytes = await broken.bytes();
    const leftovers = watchTemp(bytes);
    const res = await app()
      .http()
      .post(`/api/upload?id=${original.id}`)
      .set('Authorization', `Bearer ${await app().token()}`)
      .attach('files', bytes, {
        filename: testName(broken.filename),
        contentType: broken.contentType,
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/was not uploaded: the file is truncated/);
    const after = await getFile(app(), original.id);
    expect([after.mime, after.width, after.formats]).toEqual([
      original.mime,
      original.width,
      original.formats,
    ]);
    expect(leftovers()).toEqual([]);
  });

  describe('files that are not broken images keep what Strapi does with them', () => {
    const upload = async (bytes: Buffer, filename: string, contentType: string) => {
      const capture = captureWarnings(app());
      try {
        const res = await uploadFile(app(), bytes, filename, contentType);
        return {
          res,
          warnings: capture.messages.filter((message) => message.includes('[thumbnails]')),
        };
      } finally {
        capture.restore();
      }
    };

    it('a PDF is stored as a plain file, without variants', async () => {
      const { res, warnings } = await upload(PDF_BYTES, 'report.pdf', 'application/pdf');
      expect(res.status).toBe(201);
      expect(res.body[0]).toMatchObject({
        mime: 'application/pdf',
        formats: null,
        placeholder: null,
      });
      expect(warnings).toEqual([
        expect.stringContaining(`no variants for "${testName('report.pdf')}"`),
      ]);
    });

    it('an SVG is refused by the upload security settings, as before', async () => {
      const { res } = await upload(SVG_BYTES, 'drawing.svg', 'image/svg+xml');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe("File type 'image/svg+xml' is not allowed");
    });

    it('an empty file is refused by Strapi, as before', async () => {
      const { res } = await upload(Buffer.alloc(0), 'empty.png', 'image/png');
      expect(res.status).toBe(400);
    });

    it("a valid image over the plugin's maxInputPixels gets Strapi's formats and no variants, with a warning", async () => {
      const { res, warnings } = await upload(
        await makeImage(1500, 1000, 'png'),
        'too-many-pixels.png',
        'image/png'
      );
      expect(res.status).toBe(201);
      const file = res.body[0] as ApiFile;
      expect(Object.keys(file.formats ?? {}).sort()).toEqual([
        'large',
        'medium',
        'small',
        'thumbnail',
      ]);
      expect(file.placeholder).toBeNull();
      expect(warnings).toEqual([expect.stringContaining('over the 1000000 px limit')]);
    });
  });
});

/** The symptom the guard fixes: without the plugin, Strapi 5.54 answers 500 and leaves temp files behind. */
describe('without the plugin (Strapi alone)', () => {
  const app = useTestApp({ THUMBNAILS_ENABLED: 'false' });
  let before: Set<string>;
  beforeAll(() => {
    before = listUploads();
  });
  afterAll(() => removeUploadsSince(before));

  const status = async (file: CorpusFile) =>
    (await uploadFile(app(), await file.bytes(), file.filename, file.contentType)).status;

  it('answers 500 for a PNG whose IHDR CRC is wrong, and leaves its temp file behind', async () => {
    const broken = BROKEN.find((c) => c.filename === 'bad-ihdr-crc.png')!;
    const bytes = await broken.bytes();
    const leftovers = watchTemp(bytes);
    expect((await uploadFile(app(), bytes, broken.filename, broken.contentType)).status).toBe(500);
    const left = leftovers();
    for (const file of left) fs.rmSync(file, { force: true });
    expect(left).toHaveLength(1);
  });

  it('stores a disguised or bomb file as if it were fine', async () => {
    expect(await status(BROKEN.find((c) => c.filename === 'disguised.jpg')!)).toBe(201);
    expect(await status(BROKEN.find((c) => c.filename === 'bomb.png')!)).toBe(201);
  });
});

it('the corpus files are what they claim', async () => {
  const meta = async (filename: string) =>
    sharp(await BROKEN.find((c) => c.filename === filename)!.bytes(), {
      limitInputPixels: false,
    }).metadata();
  expect((await meta('bomb.png')).width).toBe(30_000);
  expect((await meta('bad-ihdr-crc.png')).format).toBe('png');
  expect((await meta('half.jpg')).format).toBe('jpeg');
});
