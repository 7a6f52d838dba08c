import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { checkUploadedImage, describeDecodeError, refusalMessage } from '../upload-check';
import { picture, pngBomb } from './images';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-check-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (bytes: Buffer, name: string, declaredMime: string) => {
  const filepath = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  fs.writeFileSync(filepath, bytes);
  return checkUploadedImage(sharp, { filepath, name, declaredMime, size: bytes.length });
};

describe('checkUploadedImage', () => {
  it('passes a valid image and anything that is not a raster image', async () => {
    expect(
      await check(await picture(300, 200).jpeg().toBuffer(), 'photo.jpg', 'image/jpeg')
    ).toBeNull();
    expect(
      await check(await picture(300, 200).png().toBuffer(), 'photo.png', 'application/octet-stream')
    ).toBeNull();
    expect(
      await check(Buffer.from('%PDF-1.4\n%%EOF\n'), 'report.pdf', 'application/pdf')
    ).toBeNull();
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = await picture(300, 200).jpeg().toBuffer();
    expect(await check(jpeg.subarray(0, jpeg.length / 2), 'half.jpg', 'image/jpeg')).toMatch(
      /^the file is truncated \(/
    );
  });

  it('refuses bytes that do not match the name or the type', async () => {
    const png = await picture(300, 200).png().toBuffer();
    expect(await check(png, 'photo.jpg', 'image/jpeg')).toBe(
      'its bytes are a PNG image but it was sent as image/jpeg'
    );
    expect(await check(png, 'photo.jpg', '')).toBe(
      'its bytes are a PNG image but its name ends in .jpg'
    );
    expect(await check(Buffer.from('not an image at all'), 'photo.webp', 'image/webp')).toMatch(
      /^its bytes are not a readable WebP image/
    );
  });

  it('refuses a decompression bomb from its header', async () => {
    expect(await check(pngBomb(30_000, 30_000), 'bomb.png', 'image/png')).toMatch(
      /^it declares 30000×30000 px, over the 268402689 px/
    );
  });
});

describe('messages', () => {
  it('name the file and say why in plain words', () => {
    expect(refusalMessage('a.png', describeDecodeError('vipspng: libpng read error\nmore'))).toBe(
      '"a.png" was not uploaded: the image data is damaged (vipspng: libpng read error).'
    );
  });
});
