import type SharpModule from 'sharp';
import type { Metadata, Sharp as SharpPipeline } from 'sharp';
import { ladderKey, type OutputFormat, type ResolvedPreset } from '../config';
import {
  decodeSize,
  focalCrop,
  sourceRegion,
  variantSize,
  type FocalPoint,
  type Size,
} from './geometry';
import { errorMessage } from './errors';
import type { Schedule } from './limiter';

/** sharp's default export, passed in so the image code can be tested and reused without Strapi. */
export type Sharp = typeof SharpModule;

/** Raster formats the plugin makes variants from, with the MIME type the file must claim for each. */
export const RASTER_MIME = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
} as const;
export type RasterFormat = keyof typeof RASTER_MIME;

const MIME_ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/x-png': 'image/png',
  'image/tif': 'image/tiff',
};

/** Lower-cases a MIME type, drops parameters and maps common aliases (image/jpg → image/jpeg). */
export function normalizeMime(mime: string | null | undefined): string {
  const bare = (mime ?? '').split(';')[0].trim().toLowerCase();
  return MIME_ALIASES[bare] ?? bare;
}

/** Whether a file's claimed MIME type is one the plugin makes variants for (before looking at its bytes). */
export const isRasterMime = (mime: string | null | undefined): boolean =>
  (Object.values(RASTER_MIME) as string[]).includes(normalizeMime(mime));

/** Placeholder data URIs never exceed this many characters (the whole `data:` string). */
export const PLACEHOLDER_MAX_BYTES = 1024;

/** Why a file gets no variants. Expected for bad input; the caller logs it with the file name. */
export class SkipError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipError';
  }
}

/** What the header says about a source that passed every check. Sizes are after EXIF auto-orientation. */
export interface SourceInfo extends Size {
  format: RasterFormat;
  /** sharp's header read, reused to read the image's metadata blocks without parsing the header again. */
  meta: Metadata;
}

/**
 * Reads only the image header (or takes `knownMeta`, the header an upload step already read of these
 * bytes) and decides whether the plugin may decode it: not empty, a raster format
 * it handles, bytes matching the claimed MIME type, first frame within `maxInputPixels`. Throws a
 * SkipError with the reason otherwise, so a decompression bomb is refused before any pixel is decoded.
 */
export async function inspectSource(
  sharp: Sharp,
  input: Buffer,
  {
    claimedMime,
    maxInputPixels,
    knownMeta,
  }: { claimedMime: string; maxInputPixels: number; knownMeta?: Metadata }
): Promise<SourceInfo> {
  if (input.length === 0) throw new SkipError('the file is empty');
  let meta: Metadata;
  try {
    meta = knownMeta ?? (await sharp(input, { limitInputPixels: false }).metadata());
  } catch (error) {
    throw new SkipError(`not a readable image (${errorMessage(error)})`);
  }
  const sniffed =
    meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heif') : meta.format;
  if (!(sniffed in RASTER_MIME))
    throw new SkipError(`${sniffed} is not a raster format the plugin handles`);
  const format = sniffed as RasterFormat;
  const claimed = normalizeMime(claimedMime);
  if (claimed !== RASTER_MIME[format]) {
    throw new SkipError(
      `the bytes are ${format} but the file claims to be ${claimed || 'untyped'}`
    );
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width < 1 || height < 1) throw new SkipError('the image has no dimensions');
  if (width * height > maxInputPixels) {
    throw new SkipError(
      `${width}×${height} px is over the ${maxInputPixels} px limit (maxInputPixels)`
    );
  }
  const swapped = (meta.orientation ?? 1) >= 5;
  return { format, width: swapped ? height : width, height: swapped ? width : height, meta };
}

/** One encoded variant, ready to store. */
export interface RenderedVariant {
  /** Its `formats` key: the output's key for the preset's own size, `<output key>_<width>w` for a ladder rung. */
  key: string;
  /** The preset output it belongs to (`og_webp`): a rung and its preset variant share it. */
  output: string;
  preset: string;
  format: OutputFormat;
  mime: string;
  ext: string;
  width: number;
  height: number;
  data: Buffer;
}

export interface RenderResult {
  variants: RenderedVariant[];
  /** `data:image/webp;base64,…`, at most PLACEHOLDER_MAX_BYTES characters. */
  placeholder: string;
  /** `#rrggbb`. */
  dominantColor: string;
}

export interface RenderOptions {
  presets: ResolvedPreset[];
  focalPoint: FocalPoint | null;
  maxInputPixels: number;
  placeholderSize: number;
  /** Bounds how many sharp operations run at once; defaults to running everything immediately. */
  schedule?: Schedule;
  /** An XMP packet (rights only) written into every variant; nothing else from the source is kept. */
  xmp?: string;
}

const hex = (value: number) => Math.round(value).toString(16).padStart(2, '0');

/**
 * Most pixels the shared decode may have (24 MB as 8-bit RGB). A normal photo needs about 1–2 MP to cover
 * every preset; only extreme aspect ratios (1000×50,000, 50,000×1000) need more, because a cover crop of
 * a needle-thin image keeps its full width. Those are cut region by region instead (see renderByRegions).
 */
export const SHARED_DECODE_MAX_PIXELS = 8_000_000;

/**
 * Decodes the source once (auto-oriented, first frame, shrunk on load to the smallest size that still
 * covers every preset, converted to sRGB 8-bit) and cuts every variant, the placeholder and the dominant
 * colour from that one decode. Outputs are built from raw pixels, so they carry no metadata (no EXIF, no
 * GPS, no ICC profile) but the rights XMP packet given in `options.xmp`. A source whose shared decode
 * would exceed SHARED_DECODE_MAX_PIXELS is rendered by
 * renderByRegions instead, so memory stays bounded whatever the aspect ratio.
 */
export async function renderVariants(
  sharp: Sharp,
  input: Buffer,
  source: SourceInfo,
  options: RenderOptions
): Promise<RenderResult> {
  const schedule: Schedule = options.schedule ?? ((task) => task());
  const targets = options.presets.map((preset) => ({ preset, size: variantSize(source, preset) }));
  const decode = decodeSize(
    source,
    targets.map(({ size }) => size)
  );
  if (decode.width * decode.height > SHARED_DECODE_MAX_PIXELS)
    return renderByRegions(sharp, input, source, targets, options, schedule);

  const { data, info } = await schedule(() =>
    sharp(input, { limitInputPixels: options.maxInputPixels, autoOrient: true })
      .resize(decode.width, decode.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
  );
  const decoded: Size = { width: info.width, height: info.height };
  const fromDecoded = () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

  const crop = (preset: ResolvedPreset, size: Size) =>
    schedule(() => {
      let pipeline = fromDecoded();
      if (options.focalPoint) {
        const plan = focalCrop(decoded, size, options.focalPoint);
        pipeline = pipeline
          .resize(plan.resize.width, plan.resize.height, { fit: 'fill' })
          .extract({ left: plan.left, top: plan.top, width: size.width, height: size.height });
      } else {
        pipeline = pipeline.resize(size.width, size.height, {
          fit: 'cover',
          position: sharp.strategy.attention,
        });
      }
      return pipeline.raw().toBuffer({ resolveWithObject: true });
    });

  const placeholder = schedule(() => makePlaceholder(fromDecoded, options.placeholderSize));
  const dominantColor = schedule(() => dominantOf(sharp, fromDecoded));

  const variants = Promise.all(
    targets.map(async ({ preset, size }) =>
      encodeLadder(sharp, await crop(preset, size), preset, schedule, options.xmp)
    )
  ).then((lists) => lists.flat());
  const [allVariants, uri, colour] = await Promise.all([variants, placeholder, dominantColor]);
  return { variants: allVariants, placeholder: uri, dominantColor: colour };
}

/** The blur placeholder from decoded pixels: the smallest data URI under PLACEHOLDER_MAX_BYTES. */
async function makePlaceholder(fromPixels: () => SharpPipeline, size: number): Promise<string> {
  for (const [edge, quality] of [
    [size, 40],
    [size, 20],
    [8, 20],
  ] as const) {
    const bytes = await fromPixels()
      .resize(edge, edge, { fit: 'inside' })
      .blur(0.5)
      .webp({ quality, effort: 6 })
      .toBuffer();
    const uri = `data:image/webp;base64,${bytes.toString('base64')}`;
    if (uri.length <= PLACEHOLDER_MAX_BYTES) return uri;
  }
  throw new Error(`the placeholder stays over ${PLACEHOLDER_MAX_BYTES} bytes`);
}

/** The dominant colour (`#rrggbb`) of decoded pixels, over a 64 px downsample flattened on white. */
async function dominantOf(sharp: Sharp, fromPixels: () => SharpPipeline): Promise<string> {
  const small = await fromPixels()
    .resize(64, 64, { fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { dominant } = await sharp(small.data, {
    raw: { width: small.info.width, height: small.info.height, channels: small.info.channels },
  }).stats();
  return `#${hex(dominant.r)}${hex(dominant.g)}${hex(dominant.b)}`;
}

/** Encodes one output of a preset from a prepared pipeline. */
async function encodeOutput(
  pipeline: SharpPipeline,
  preset: ResolvedPreset,
  output: ResolvedPreset['outputs'][number],
  xmp: string | undefined,
  key = output.key
): Promise<RenderedVariant> {
  const encoder = { quality: output.quality, effort: output.effort };
  // Pixels come from a raw decode (or sharp drops metadata by default): the XMP packet is all a variant carries.
  const tagged = xmp ? pipeline.withXmp(xmp) : pipeline;
  const encoded = output.format === 'avif' ? tagged.avif(encoder) : tagged.webp(encoder);
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return {
    key,
    output: output.key,
    preset: preset.name,
    format: output.format,
    mime: `image/${output.format}`,
    ext: `.${output.format}`,
    width: info.width,
    height: info.height,
    data,
  };
}

/** Pixels of one preset's crop, at the preset variant's size. */
interface Crop {
  data: Buffer;
  info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

/**
 * Encodes a preset's crop in each of its output formats, at its own size and at each ladder width
 * smaller than that (never enlarged; same crop, so every rung shows the same picture for `srcset`).
 */
function encodeLadder(
  sharp: Sharp,
  crop: Crop,
  preset: ResolvedPreset,
  schedule: Schedule,
  xmp: string | undefined
): Promise<RenderedVariant[]> {
  const { width, height, channels } = crop.info;
  const fromCrop = () => sharp(crop.data, { raw: { width, height, channels } });
  const rungs = preset.ladder.filter((rung) => rung < width);
  return Promise.all(
    preset.outputs.flatMap((output) => [
      schedule(() => encodeOutput(fromCrop(), preset, output, xmp)),
      ...rungs.map((rung) =>
        schedule(() =>
          encodeOutput(
            fromCrop().resize(rung, Math.max(1, Math.round((rung * height) / width)), {
              fit: 'fill',
            }),
            preset,
            output,
            xmp,
            ladderKey(output.key, rung)
          )
        )
      ),
    ])
  );
}

/**
 * The memory-bounded path for extreme aspect ratios: each variant is cut from its own region of the
 * source (centred on the focal point, or the centre: the attention strategy would need the whole image
 * decoded), read sequentially, so libvips streams the rows and never holds the whole image; JPEG and WebP
 * shrink on load. The placeholder and dominant colour come from one small shrink-on-load decode.
 */
async function renderByRegions(
  sharp: Sharp,
  input: Buffer,
  source: SourceInfo,
  targets: Array<{ preset: ResolvedPreset; size: Size }>,
  options: RenderOptions,
  schedule: Schedule
): Promise<RenderResult> {
  const open = () =>
    sharp(input, {
      limitInputPixels: options.maxInputPixels,
      autoOrient: true,
      sequentialRead: true,
    });
  const variants = Promise.all(
    targets.map(async ({ preset, size }) => {
      const region = sourceRegion(source, size, options.focalPoint ?? { x: 50, y: 50 });
      const crop = await schedule(() =>
        open()
          .extract(region)
          .resize(size.width, size.height, { fit: 'fill', fastShrinkOnLoad: true })
          .toColourspace('srgb')
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true })
      );
      return encodeLadder(sharp, crop, preset, schedule, options.xmp);
    })
  ).then((lists) => lists.flat());
  const small = schedule(() =>
    open()
      .resize(64, 64, { fit: 'inside', fastShrinkOnLoad: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
  );
  const [allVariants, preview] = await Promise.all([variants, small]);
  const fromPreview = () =>
    sharp(preview.data, {
      raw: {
        width: preview.info.width,
        height: preview.info.height,
        channels: preview.info.channels,
      },
    });
  const [uri, colour] = await Promise.all([
    schedule(() => makePlaceholder(fromPreview, options.placeholderSize)),
    schedule(() => dominantOf(sharp, fromPreview)),
  ]);
  return { variants: allVariants, placeholder: uri, dominantColor: colour };
}
