import fs from 'node:fs';
import sharp from 'sharp';
import { useSharedApp } from '../helpers/strapi';
import { makeImage, makePhoneJpeg, PDF_BYTES } from '../helpers/thumbnails-images';
import {
  deleteFile,
  diskPath,
  getFile,
  replaceFile,
  THUMBNAIL_KEYS,
  uploadFile,
  uploadsOf,
  type ApiFile,
  removeUploadsAfterAll,
} from '../helpers/thumbnails-upload';

const app = useSharedApp();
removeUploadsAfterAll();

const upload = async (bytes: Buffer, filename: string) => {
  const res = await uploadFile(app(), bytes, filename, 'image/jpeg');
  expect(res.status).toBe(201);
  return res.body[0] as ApiFile;
};

const variantFiles = (file: ApiFile) => THUMBNAIL_KEYS.map((key) => file.formats![key].url);
const exists = (url: string) => fs.existsSync(diskPath(url));

describe('replacing a file', () => {
  it('regenerates the variants from the new content and deletes the old variant files', async () => {
    const original = await upload(
      await makeImage(2000, 1200, 'jpeg', ['#0000ff', '#000066']),
      'hero.jpg'
    );
    const oldVariants = variantFiles(original);
    oldVariants.forEach((url) => expect(exists(url)).toBe(true));

    const res = await replaceFile(
      app(),
      original.id,
      await makeImage(900, 1400, 'jpeg', ['#ff0000', '#660000']),
      'hero-new.jpg',
      'image/jpeg'
    );
    expect(res.status).toBe(200);
    const replaced = res.body as ApiFile;

    expect(replaced.hash).toBe(original.hash);
    expect(replaced.formats!.og_webp).toMatchObject({ width: 900, height: 473 });
    expect(replaced.formats!.square_webp).toMatchObject({ width: 400, height: 400 });
    for (const url of variantFiles(replaced)) expect(oldVariants).not.toContain(url);
    variantFiles(replaced).forEach((url) => expect(exists(url)).toBe(true));
    oldVariants.forEach((url) => expect(exists(url)).toBe(false));
    expect(replaced.placeholder).not.toBe(original.placeholder);
    expect(replaced.dominantColor).not.toBe(original.dominantColor);

    // the stored row says the same as the response, and only current files exist for this hash
    const stored = await getFile(app(), original.id);
    expect(stored.formats).toEqual(replaced.formats);
    const expected = [stored.url, ...Object.values(stored.formats!).map((entry) => entry.url)]
      .map((url) => url.replace('/uploads/', ''))
      .sort();
    expect(uploadsOf(original.hash).sort()).toEqual(expected);
  });

  it('drops the variants and the placeholder when the new content is not an image', async () => {
    const original = await upload(await makeImage(1200, 800, 'jpeg'), 'becomes-pdf.jpg');
    const res = await replaceFile(app(), original.id, PDF_BYTES, 'report.pdf', 'application/pdf');
    expect(res.status).toBe(200);
    const replaced = res.body as ApiFile;
    expect(replaced.formats ?? {}).toEqual({});
    expect(replaced.placeholder).toBeNull();
    expect(replaced.dominantColor).toBeNull();
    variantFiles(original).forEach((url) => expect(exists(url)).toBe(false));
    expect(uploadsOf(original.hash)).toEqual([replaced.url.replace('/uploads/', '')]);
  });
});

describe('moving the focal point', () => {
  it('re-crops the variants and deletes the old crops', async () => {
    const original = await upload(await makePhoneJpeg(1800, 600, 1), 'focal.jpg');
    const res = await app()
      .http()
      .post(`/api/upload?id=${original.id}`)
      .set('Authorization', `Bearer ${await app().token()}`)
      .send({ fileInfo: { focalPoint: { x: 95, y: 50 } } });
    expect(res.status).toBe(200);
    const updated = await getFile(app(), original.id);
    expect(updated.focalPoint).toEqual({ x: 95, y: 50 });
    for (const url of variantFiles(updated)) expect(variantFiles(original)).not.toContain(url);
    variantFiles(original).forEach((url) => expect(exists(url)).toBe(false));
    const { data } = await sharp(fs.readFileSync(diskPath(updated.formats!.square_webp.url)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const centre = (200 * 400 + 200) * 3;
    expect(data[centre + 2]).toBeGreaterThan(200); // blue: the right side of the picture
  });

  it('leaves the variants alone on a rename', async () => {
    const original = await upload(await makeImage(1000, 700, 'jpeg'), 'rename-me.jpg');
    const res = await app()
      .http()
      .post(`/api/upload?id=${original.id}`)
      .set('Authorization', `Bearer ${await app().token()}`)
      .send({ fileInfo: { name: 'renamed.jpg', alternativeText: 'a picture' } });
    expect(res.status).toBe(200);
    expect((await getFile(app(), original.id)).formats).toEqual(original.formats);
  });
});

describe('deleting a file', () => {
  it('leaves no variant file behind', async () => {
    const file = await upload(await makeImage(1600, 1000, 'jpeg'), 'doomed.jpg');
    expect(uploadsOf(file.hash).length).toBe(1 + Object.keys(file.formats!).length);
    const res = await deleteFile(app(), file.id);
    expect(res.status).toBe(200);
    expect(uploadsOf(file.hash)).toEqual([]);
  });
});
