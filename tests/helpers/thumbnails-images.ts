import { deflateSync } from 'node:zlib';
import sharp, { type OutputInfo, type Sharp } from 'sharp';

/** A picture with structure (gradient, circles) so encoders and the attention crop have real work. */
export function pictureSvg(
  width: number,
  height: number,
  [from, to]: [string, string] = ['#1d4ed8', '#f97316']
): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.4}" r="${Math.min(width, height) * 0.25}" fill="#ffffff" fill-opacity="0.35"/>
    <circle cx="${width * 0.25}" cy="${height * 0.7}" r="${Math.min(width, height) * 0.15}" fill="#000000" fill-opacity="0.25"/>
  </svg>`);
}

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff' | 'gif';

export const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  tiff: 'image/tiff',
  gif: 'image/gif',
};

export const EXT: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  tiff: 'tiff',
  gif: 'gif',
};

/** A real image of the given size and format, made with sharp. */
export async function makeImage(
  width: number,
  height: number,
  format: ImageFormat = 'jpeg',
  colors?: [string, string]
): Promise<Buffer> {
  const base = sharp(pictureSvg(width, height, colors));
  switch (format) {
    case 'jpeg':
      return base.jpeg({ quality: 85 }).toBuffer();
    case 'png':
      return base.png().toBuffer();
    case 'webp':
      return base.webp().toBuffer();
    case 'avif':
      return base.avif({ effort: 0 }).toBuffer();
    case 'tiff':
      return base.tiff().toBuffer();
    case 'gif':
      return base.gif().toBuffer();
  }
}

/** An animated GIF: `frames` frames of width×height stacked, each a different solid colour. */
export async function makeAnimatedGif(
  width: number,
  height: number,
  colours: Array<[number, number, number]>
): Promise<Buffer> {
  const frame = width * height * 3;
  const raw = Buffer.alloc(frame * colours.length);
  colours.forEach(([r, g, b], index) => {
    for (let offset = index * frame; offset < (index + 1) * frame; offset += 3) {
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
    }
  });
  return sharp(raw, {
    raw: { width, height: height * colours.length, channels: 3, pageHeight: height },
  } as never)
    .gif({ loop: 0, delay: colours.map(() => 100) })
    .toBuffer();
}

/**
 * A JPEG stored as `width`×`height` with an EXIF orientation (6 = displayed rotated 90° clockwise, so it
 * shows as height×width) and a GPS position, like a phone photo. Left half red, right half blue.
 */
export async function makePhoneJpeg(
  width: number,
  height: number,
  orientation: number
): Promise<Buffer> {
  const svg =
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="50%" height="100%" fill="#ff0000"/><rect x="50%" width="50%" height="100%" fill="#0000ff"/></svg>`);
  return sharp(svg)
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Orientation: String(orientation) },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 300/100',
      },
    })
    .toBuffer()
    .then((buffer) =>
      sharp(buffer).withMetadata({ orientation }).jpeg({ quality: 90 }).keepExif().toBuffer()
    );
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/**
 * A decompression bomb: a PNG of a few KB whose header declares width×height (1-bit greyscale). Only the
 * first rows are present, so decoding it fully would fail late, after allocating for the whole image.
 */
export function makePngBomb(width: number, height: number, rows = 256): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const idat = deflateSync(Buffer.alloc(rowBytes * Math.min(rows, height)), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal valid one-page PDF. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

export const SVG_BYTES = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="100%" height="100%" fill="#0a0"/></svg>'
);

/** The displayed size of the orientation pictures: landscape, so a sideways copy is portrait. */
export const ORIENTED_SIZE = { width: 1200, height: 800 };

/**
 * An asymmetric picture (four coloured quadrants and a white mark near the top-left corner), so any
 * rotation or mirror of it differs from it everywhere.
 */
export function orientationPicture(): Promise<{ data: Buffer; info: OutputInfo }> {
  const { width, height } = ORIENTED_SIZE;
  return sharp(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <rect width="50%" height="50%" fill="#e11d48"/><rect x="50%" width="50%" height="50%" fill="#16a34a"/>
      <rect y="50%" width="50%" height="50%" fill="#2563eb"/><rect x="50%" y="50%" width="50%" height="50%" fill="#facc15"/>
      <rect x="${width * 0.05}" y="${height * 0.05}" width="${width * 0.2}" height="${height * 0.1}" fill="#ffffff"/></svg>`)
  )
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** What a camera stores for each EXIF orientation: the inverse of the transform a viewer applies. */
const STORED_AS: Record<number, (image: Sharp) => Sharp> = {
  1: (image) => image,
  2: (image) => image.flop(),
  3: (image) => image.rotate(180),
  4: (image) => image.flip(),
  5: (image) => image.rotate(90).flip(),
  6: (image) => image.rotate(270),
  7: (image) => image.rotate(270).flip(),
  8: (image) => image.rotate(90),
};

/**
 * The orientation picture stored the way a camera with the given EXIF orientation (1–8) stores it, with
 * that orientation tag, in the given format: displayed upright, it is exactly `orientationPicture()`.
 */
export async function makeOrientedImage(
  orientation: number,
  format: 'jpeg' | 'png' | 'webp' | 'tiff' = 'jpeg'
): Promise<Buffer> {
  const { data, info } = await orientationPicture();
  const stored = await STORED_AS[orientation](
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
  )
    .png()
    .toBuffer();
  const encoder = sharp(stored).withMetadata({ orientation });
  switch (format) {
    case 'jpeg':
      return encoder.jpeg({ quality: 90 }).toBuffer();
    case 'png':
      return encoder.png().toBuffer();
    case 'webp':
      return encoder.webp({ quality: 90 }).toBuffer();
    case 'tiff':
      return encoder.tiff({ compression: 'lzw' }).toBuffer();
  }
}

/** Mean absolute difference (0–255) between two images once both are resized to the same size, without alpha. */
export async function meanAbsDiff(
  a: Buffer,
  b: Buffer,
  size = { width: 96, height: 64 }
): Promise<number> {
  const pixels = (image: Buffer) =>
    sharp(image)
      .removeAlpha()
      .resize(size.width, size.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer();
  const [left, right] = await Promise.all([pixels(a), pixels(b)]);
  let total = 0;
  for (let i = 0; i < left.length; i += 1) total += Math.abs(left[i] - right[i]);
  return total / left.length;
}
