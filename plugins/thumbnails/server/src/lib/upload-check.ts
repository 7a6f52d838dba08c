import path from 'node:path';
import type { Metadata } from 'sharp';
import { errorMessage } from './errors';
import { normalizeMime, RASTER_MIME, type RasterFormat, type Sharp } from './render';

/**
 * The most pixels (first frame) an uploaded image may declare: sharp's own default `limitInputPixels`
 * (0x3FFF × 0x3FFF), which every decode in Strapi's upload plugin uses. A file over it cannot be processed
 * by Strapi anyway; a few-KB file declaring more is a decompression bomb.
 */
export const MAX_UPLOAD_PIXELS = 0x3fff * 0x3fff;

/** Edge of the tiny decode that proves every pixel of the file can be read (shrink-on-load keeps it cheap). */
const PROBE_SIZE = 64;

/** File-name extensions of the raster formats Strapi's upload plugin processes. */
const EXTENSIONS: Record<string, RasterFormat> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.jpe': 'jpeg',
  '.jfif': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.gif': 'gif',
  '.tif': 'tiff',
  '.tiff': 'tiff',
  '.avif': 'avif',
};

const FORMAT_BY_MIME = Object.fromEntries(
  Object.entries(RASTER_MIME).map(([format, mime]) => [mime, format])
) as Record<string, RasterFormat>;

const LABEL: Record<RasterFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  tiff: 'TIFF',
  avif: 'AVIF',
};

/** One uploaded file as the multipart parser left it on disk. */
export interface UploadedFile {
  /** Path of the parser's temp copy. */
  filepath: string;
  /** The name the client sent. */
  name: string;
  /** The Content-Type the client sent (may be empty or application/octet-stream). */
  declaredMime?: string | null;
  size: number;
}

/** What a sniffed format is called in a message (sharp's names for the rest: svg, pdf, heif…). */
const label = (format: string | undefined) =>
  format && format in LABEL ? LABEL[format as RasterFormat] : (format ?? 'unknown').toUpperCase();

/** Turns a libvips/sharp error into words a Media Library user can act on, keeping the library's own detail. */
export function describeDecodeError(message: string): string {
  const detail = message.split('\n')[0].trim();
  if (/premature end|truncated|unexpected end|not enough data|short read/i.test(detail))
    return `the file is truncated (${detail})`;
  if (/warning treated as error/i.test(detail))
    return 'the image data is damaged (the decoder reported corrupt data)';
  if (/exceeds pixel limit/i.test(detail)) return `the image is too large to process (${detail})`;
  return `the image data is damaged (${detail})`;
}

/**
 * Decides whether an uploaded file may go on to Strapi's image processing. Returns the reason to refuse it,
 * or null when it is fine (including every file that does not claim to be a raster image and is not one:
 * PDFs, videos… are not this check's business).
 *
 * Refused: a file named or sent as a raster image whose bytes are not one (noise, a PDF, a header libvips
 * cannot parse), whose bytes are another format than its name or MIME type says, that declares more than
 * MAX_UPLOAD_PIXELS, or whose pixels cannot all be decoded (truncated, bad CRC, bad chunk length, empty
 * IDAT…). The decode is a shrink-on-load, sequential read to a 64 px box with sharp's `failOn: 'warning'`,
 * the same strictness as Strapi's own sharp calls, so what passes here also passes Strapi's optimize step.
 * Animated GIF/WebP are checked frame by frame, as Strapi resizes every frame.
 */
export async function checkUploadedImage(sharp: Sharp, file: UploadedFile): Promise<string | null> {
  return (await inspectUpload(sharp, file)).reason;
}

/** What {@link inspectUpload} found: the reason to refuse the file (or null), and the header it read when the file is a raster image. */
export interface UploadInspection {
  reason: string | null;
  /** sharp's header read of the file, for the later steps of the same upload (no second read). */
  meta?: Metadata;
}

/** {@link checkUploadedImage}, also handing on the header it read of an accepted raster image. */
export async function inspectUpload(sharp: Sharp, file: UploadedFile): Promise<UploadInspection> {
  const declared = normalizeMime(file.declaredMime);
  const byMime = FORMAT_BY_MIME[declared];
  const ext = path.extname(file.name).toLowerCase();
  const byName = EXTENSIONS[ext];
  const claimsImage = Boolean(byMime || byName);
  const refuse = (reason: string | null): UploadInspection => ({ reason });

  let meta: Metadata;
  try {
    meta = await sharp(file.filepath, { limitInputPixels: false }).metadata();
  } catch (error) {
    if (!claimsImage) return refuse(null);
    if (file.size === 0) return refuse('the file is empty');
    return refuse(
      `its bytes are not a readable ${label(byMime ?? byName)} image (${errorMessage(error).split('\n')[0].trim()})`
    );
  }
  const sniffed = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  const isRaster = Boolean(sniffed && sniffed in RASTER_MIME);
  if (!isRaster) {
    return refuse(
      claimsImage
        ? `its bytes are ${label(sniffed)}, not the ${label(byMime ?? byName)} image its name or type says`
        : null
    );
  }
  const format = sniffed as RasterFormat;
  if (byMime && byMime !== format)
    return refuse(`its bytes are a ${LABEL[format]} image but it was sent as ${declared}`);
  if (byName && byName !== format)
    return refuse(`its bytes are a ${LABEL[format]} image but its name ends in ${ext}`);

  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width < 1 || height < 1) return refuse('the image has no dimensions');
  if (width * height > MAX_UPLOAD_PIXELS) {
    return refuse(
      `it declares ${width}×${height} px, over the ${MAX_UPLOAD_PIXELS} px an upload may have (a decompression bomb?)`
    );
  }
  const animated = (meta.pages ?? 1) > 1;
  try {
    await sharp(file.filepath, {
      failOn: 'warning',
      limitInputPixels: MAX_UPLOAD_PIXELS,
      sequentialRead: true,
      animated,
    })
      .resize(PROBE_SIZE, PROBE_SIZE, { fit: 'inside', fastShrinkOnLoad: true })
      .raw()
      .toBuffer();
  } catch (error) {
    return refuse(describeDecodeError(errorMessage(error)));
  }
  return { reason: null, meta };
}

/** The message a client sees for a refused file: names the file and says why. */
export const refusalMessage = (name: string, reason: string): string =>
  `"${name}" was not uploaded: ${reason}.`;
