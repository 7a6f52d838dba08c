import fs from 'node:fs';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import { ODD } from '../helpers/thumbnails-corpus';
import {
  diskPath,
  THUMBNAIL_KEYS,
  uploadFile,
  removeUploadsAfterAll,
  type ApiFile,
} from '../helpers/thumbnails-upload';

/** Valid files outside the usual (tiny, needle-thin, 16-bit, palette, interlaced, CMYK, animated…) all get variants and a placeholder. */
const app = useSharedApp();
removeUploadsAfterAll();

it.each(ODD.map((c) => [c.label, c] as const))(
  '%s gets every variant and a placeholder',
  async (_label, odd) => {
    const res = await uploadFile(app(), await odd.bytes(), odd.filename, odd.contentType);
    expect(res.status).toBe(201);
    const file = res.body[0] as ApiFile;
    expect(Object.keys(file.formats ?? {})).toEqual(expect.arrayContaining(THUMBNAIL_KEYS));
    expect(file.placeholder).toMatch(/^data:image\/webp;base64,/);
    expect(file.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
    for (const key of THUMBNAIL_KEYS) {
      const entry = file.formats![key];
      const meta = await sharp(fs.readFileSync(diskPath(entry.url))).metadata();
      expect([meta.format, meta.width, meta.height, meta.pages ?? 1]).toEqual([
        'webp',
        entry.width,
        entry.height,
        1,
      ]);
    }
    if (odd.firstFrame) {
      // an animated source: the variants show its first frame
      const { data } = await sharp(fs.readFileSync(diskPath(file.formats!.square_webp.url)))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const [r, g, b] = odd.firstFrame;
      expect(Math.abs(data[0] - r) + Math.abs(data[1] - g) + Math.abs(data[2] - b)).toBeLessThan(
        60
      );
    }
  }
);
