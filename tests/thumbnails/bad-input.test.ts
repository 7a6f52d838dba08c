import sharp from 'sharp';
import { useTestApp } from '../helpers/strapi';
import { makeImage, makePngBomb, PDF_BYTES, SVG_BYTES } from '../helpers/thumbnails-images';
import { captureWarnings, listUploads, removeUploadsSince, testName, uploadFile, type ApiFile } from '../helpers/thumbnails-upload';

/**
 * Every bad input is uploaded twice: once with the plugin, once with it disabled (THUMBNAILS_ENABLED=false),
 * and what the client sees and what lands on disk must be the same. The plugin adds no variant, logs a
 * warning naming the file when the file reached it, and the app keeps serving.
 */
interface Case {
  label: string;
  filename: string;
  contentType: string;
  bytes: () => Promise<Buffer>;
}

const CASES: Case[] = [
  {
    label: 'corrupt bytes (a truncated JPEG)',
    filename: 'truncated.jpg',
    contentType: 'image/jpeg',
    bytes: async () => {
      const jpeg = await makeImage(1200, 800, 'jpeg');
      return jpeg.subarray(0, Math.floor(jpeg.length / 3));
    },
  },
  {
    label: 'corrupt bytes (noise named .jpg)',
    filename: 'noise.jpg',
    contentType: 'image/jpeg',
    bytes: async () => Buffer.from('x'.repeat(5000)),
  },
  {
    label: 'PNG bytes claiming to be a JPEG',
    filename: 'disguised.jpg',
    contentType: 'image/jpeg',
    bytes: () => makeImage(900, 600, 'png'),
  },
  { label: 'PDF bytes claiming to be a JPEG', filename: 'fake-photo.jpg', contentType: 'image/jpeg', bytes: async () => PDF_BYTES },
  {
    label: 'a decompression bomb (few-KB PNG declaring 30,000×30,000 px)',
    filename: 'bomb.png',
    contentType: 'image/png',
    bytes: async () => makePngBomb(30_000, 30_000),
  },
  {
    label: 'an image over the configured pixel limit',
    filename: 'too-many-pixels.png',
    contentType: 'image/png',
    bytes: () => makeImage(1500, 1000, 'png'),
  },
  { label: 'an SVG', filename: 'drawing.svg', contentType: 'image/svg+xml', bytes: async () => SVG_BYTES },
  { label: 'a PDF', filename: 'report.pdf', contentType: 'application/pdf', bytes: async () => PDF_BYTES },
  { label: 'an empty file', filename: 'empty.png', contentType: 'image/png', bytes: async () => Buffer.alloc(0) },
];

/** What a client and the disk see from one upload, minus what is random (ids, hashes, dates). */
interface Observed {
  status: number;
  error?: string;
  file?: { name: string; mime: string; ext: string; size: number; width: number | null; height: number | null; formats: string[] };
  filesWritten: number;
}

const observed: Record<'with' | 'without', Record<string, Observed>> = { with: {}, without: {} };
const warnings: Record<string, string[]> = {};
const ENV = { THUMBNAILS_MAX_INPUT_PIXELS: '1000000' };

const run = (mode: 'with' | 'without', env: Record<string, string>) =>
  describe(`${mode} the plugin`, () => {
    const app = useTestApp({ ...ENV, ...env });

    it.each(CASES.map((c) => [c.label, c] as const))('uploads %s', async (_label, testCase) => {
      const before = listUploads();
      const capture = captureWarnings(app());
      try {
        const res = await uploadFile(app(), await testCase.bytes(), testCase.filename, testCase.contentType);
        const file = Array.isArray(res.body) ? (res.body[0] as ApiFile) : undefined;
        const written = [...listUploads()].filter((name) => !before.has(name));
        observed[mode][testCase.label] = {
          status: res.status,
          error: res.body?.error?.message,
          file: file && {
            name: file.name,
            mime: file.mime,
            ext: file.ext,
            size: Number((file as unknown as { size: number }).size),
            width: file.width,
            height: file.height,
            formats: Object.keys(file.formats ?? {}).sort(),
          },
          filesWritten: written.length,
        };
        if (mode === 'with' && file) {
          expect(file.placeholder).toBeNull();
          expect(file.dominantColor).toBeNull();
          expect(written.some((name) => name.endsWith('.webp'))).toBe(false);
        }
        if (mode === 'with') warnings[testCase.label] = capture.messages.filter((message) => message.includes('[thumbnails]'));
      } finally {
        capture.restore();
        removeUploadsSince(before);
      }
      // the app still answers
      await app().http().get('/_health').expect(204);
    });
  });

run('with', {});
run('without', { THUMBNAILS_ENABLED: 'false' });

describe('compared', () => {
  afterAll(() => {
    if (process.env.THUMBNAILS_DEBUG) process.stdout.write(`${JSON.stringify({ observed, warnings }, null, 1)}\n`);
  });
  it.each(CASES.map((c) => [c.label] as const))('%s: the upload behaves exactly as without the plugin', (label) => {
    expect(observed.with[label]).toBeDefined();
    expect(observed.with[label]).toEqual(observed.without[label]);
  });

  it.each(CASES.map((c) => [c.label, c.filename] as const))(
    '%s: a warning names the file whenever the upload went through',
    (label, filename) => {
      const accepted = observed.with[label].status === 201 || observed.with[label].status === 200;
      if (accepted) {
        expect(warnings[label]).toEqual([expect.stringContaining(`no variants for "${testName(filename)}"`)]);
      } else {
        // Strapi refused the file before storing it: the plugin never saw it, and nothing was written
        expect(observed.with[label].filesWritten).toBe(0);
        expect(warnings[label]).toEqual([]);
      }
    }
  );

  it('the image over the pixel limit was a valid image Strapi accepted', () => {
    expect(observed.with['an image over the configured pixel limit'].file?.formats).toContain('thumbnail');
  });
});

it('the test images are what they claim', async () => {
  expect(makePngBomb(30_000, 30_000).length).toBeLessThan(10_000);
  expect(await sharp(makePngBomb(30_000, 30_000), { limitInputPixels: false }).metadata()).toMatchObject({ width: 30_000, height: 30_000 });
});
