import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import {
  makeAnimatedGif,
  makeImage,
  makePngBomb,
  pictureSvg,
  PDF_BYTES,
} from './thumbnails-images';

/**
 * Hand-broken and valid-but-unusual image files, generated from scratch (no fixtures on disk): the broken
 * ones are real images with bytes truncated, CRCs flipped or headers corrupted, the way the PNG test
 * suites that image libraries use break them.
 */
export interface CorpusFile {
  label: string;
  filename: string;
  contentType: string;
  bytes: () => Promise<Buffer>;
}

/** A PNG split into chunks (type, data, and the offset of its length field). */
function pngChunks(png: Buffer) {
  const chunks: Array<{ type: string; offset: number; length: number }> = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    chunks.push({ type: png.toString('ascii', offset + 4, offset + 8), offset, length });
    offset += 12 + length;
  }
  return chunks;
}

const chunkOf = (png: Buffer, type: string) => {
  const found = pngChunks(png).find((chunk) => chunk.type === type);
  if (!found) throw new Error(`no ${type} chunk`);
  return found;
};

/** Rewrites a chunk's CRC so only the intended corruption remains. */
const fixCrc = (png: Buffer, offset: number, length: number) =>
  png.writeUInt32BE(
    crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0,
    offset + 8 + length
  );

const basePng = () => makeImage(600, 400, 'png');
const baseJpeg = () => makeImage(600, 400, 'jpeg');

/** Files that must be refused with a 400 naming the file. `why` is a fragment of the expected reason. */
export const BROKEN: Array<CorpusFile & { why: RegExp }> = [
  {
    label: 'a truncated PNG',
    filename: 'truncated.png',
    contentType: 'image/png',
    why: /truncated|damaged/,
    bytes: async () => {
      const png = await basePng();
      return png.subarray(0, Math.floor(png.length / 2));
    },
  },
  {
    label: 'a PNG whose IDAT CRC is wrong',
    filename: 'bad-crc.png',
    contentType: 'image/png',
    why: /damaged/,
    bytes: async () => {
      const png = Buffer.from(await basePng());
      const idat = chunkOf(png, 'IDAT');
      png[idat.offset + 8 + idat.length] ^= 0xff;
      return png;
    },
  },
  {
    label: 'a PNG whose IHDR CRC is wrong (Strapi 5.54 answers 500)',
    filename: 'bad-ihdr-crc.png',
    contentType: 'image/png',
    why: /damaged/,
    bytes: async () => {
      const png = Buffer.from(await basePng());
      const ihdr = chunkOf(png, 'IHDR');
      png[ihdr.offset + 8 + ihdr.length] ^= 0xff;
      return png;
    },
  },
  {
    label: 'a PNG with an invalid IHDR (colour type 7)',
    filename: 'bad-ihdr.png',
    contentType: 'image/png',
    why: /not a readable PNG image/,
    bytes: async () => {
      const png = Buffer.from(await basePng());
      const ihdr = chunkOf(png, 'IHDR');
      png[ihdr.offset + 8 + 9] = 7;
      fixCrc(png, ihdr.offset, ihdr.length);
      return png;
    },
  },
  {
    label: 'a PNG whose IDAT length field is wrong',
    filename: 'bad-length.png',
    contentType: 'image/png',
    why: /truncated|damaged/,
    bytes: async () => {
      const png = Buffer.from(await basePng());
      const idat = chunkOf(png, 'IDAT');
      png.writeUInt32BE(idat.length + 1000, idat.offset);
      return png;
    },
  },
  {
    label: 'a PNG with a zero-length IDAT',
    filename: 'empty-idat.png',
    contentType: 'image/png',
    why: /truncated|damaged/,
    bytes: async () => {
      const png = await basePng();
      const idat = chunkOf(png, 'IDAT');
      const empty = Buffer.alloc(12);
      empty.write('IDAT', 4, 'ascii');
      fixCrc(empty, 0, 0);
      return Buffer.concat([
        png.subarray(0, idat.offset),
        empty,
        png.subarray(idat.offset + 12 + idat.length),
      ]);
    },
  },
  {
    label: 'a JPEG cut in half',
    filename: 'half.jpg',
    contentType: 'image/jpeg',
    why: /truncated/,
    bytes: async () => {
      const jpeg = await baseJpeg();
      return jpeg.subarray(0, Math.floor(jpeg.length / 2));
    },
  },
  {
    label: 'noise named .jpg',
    filename: 'noise.jpg',
    contentType: 'image/jpeg',
    why: /not a readable JPEG image/,
    bytes: async () => Buffer.from('x'.repeat(5000)),
  },
  {
    label: 'PNG bytes named .jpg and sent as image/jpeg',
    filename: 'disguised.jpg',
    contentType: 'image/jpeg',
    why: /bytes are a PNG image but it was sent as image\/jpeg/,
    bytes: basePng,
  },
  {
    label: 'JPEG bytes named .png, sent without a type',
    filename: 'renamed.png',
    contentType: 'application/octet-stream',
    why: /bytes are a JPEG image but its name ends in \.png/,
    bytes: baseJpeg,
  },
  {
    label: 'PDF bytes named .jpg',
    filename: 'fake-photo.jpg',
    contentType: 'image/jpeg',
    why: /not a readable JPEG image|bytes are PDF/,
    bytes: async () => PDF_BYTES,
  },
  {
    label: 'a decompression bomb (few-KB PNG declaring 30,000×30,000 px)',
    filename: 'bomb.png',
    contentType: 'image/png',
    why: /declares 30000×30000 px/,
    bytes: async () => makePngBomb(30_000, 30_000),
  },
];

/** Raw RGBA pixels of a width×height picture, for formats sharp can only make from raw input. */
const rawPicture = async (width: number, height: number) =>
  sharp(pictureSvg(width, height)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });

/** Valid images outside the usual: each must get every variant and a placeholder. */
export const ODD: Array<CorpusFile & { firstFrame?: [number, number, number] }> = [
  {
    label: 'a 1×1 PNG',
    filename: 'one-pixel.png',
    contentType: 'image/png',
    bytes: () => makeImage(1, 1, 'png'),
  },
  {
    label: 'a 1×2000 PNG',
    filename: 'needle.png',
    contentType: 'image/png',
    bytes: () => makeImage(1, 2000, 'png'),
  },
  {
    label: 'a 16-bit PNG',
    filename: 'sixteen-bit.png',
    contentType: 'image/png',
    bytes: async () => sharp(pictureSvg(640, 480)).toColourspace('rgb16').png().toBuffer(),
  },
  {
    label: 'a palette PNG with transparency',
    filename: 'palette-alpha.png',
    contentType: 'image/png',
    bytes: async () => {
      const { data, info } = await rawPicture(640, 480);
      for (let i = 3; i < data.length; i += 4 * 7) data[i] = 0;
      return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
        .png({ palette: true, colours: 64 })
        .toBuffer();
    },
  },
  {
    label: 'an interlaced PNG',
    filename: 'interlaced.png',
    contentType: 'image/png',
    bytes: async () => sharp(pictureSvg(640, 480)).png({ progressive: true }).toBuffer(),
  },
  {
    label: 'a greyscale PNG with alpha',
    filename: 'grey-alpha.png',
    contentType: 'image/png',
    bytes: async () =>
      sharp(pictureSvg(640, 480)).ensureAlpha(0.6).toColourspace('b-w').png().toBuffer(),
  },
  {
    label: 'a CMYK JPEG',
    filename: 'cmyk.jpg',
    contentType: 'image/jpeg',
    bytes: async () => sharp(pictureSvg(800, 600)).toColourspace('cmyk').jpeg().toBuffer(),
  },
  {
    label: 'a progressive JPEG',
    filename: 'progressive.jpg',
    contentType: 'image/jpeg',
    bytes: async () => sharp(pictureSvg(800, 600)).jpeg({ progressive: true }).toBuffer(),
  },
  {
    label: 'an animated GIF',
    filename: 'animated.gif',
    contentType: 'image/gif',
    firstFrame: [255, 0, 0],
    bytes: () =>
      makeAnimatedGif(320, 240, [
        [255, 0, 0],
        [0, 0, 255],
        [0, 255, 0],
      ]),
  },
  {
    label: 'an animated WebP',
    filename: 'animated.webp',
    contentType: 'image/webp',
    firstFrame: [255, 0, 0],
    bytes: async () =>
      sharp(
        await makeAnimatedGif(320, 240, [
          [255, 0, 0],
          [0, 0, 255],
          [0, 255, 0],
        ]),
        { animated: true }
      )
        .webp({ lossless: true })
        .toBuffer(),
  },
];
