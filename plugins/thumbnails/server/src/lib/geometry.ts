/** Pixel dimensions. */
export interface Size {
  width: number;
  height: number;
}

/** Strapi's focal point: percentages (0-100) from the top-left corner, as the Media Library stores it. */
export interface FocalPoint {
  x: number;
  y: number;
}

/**
 * The size a preset's variant gets from a source.
 *
 * Never enlarge: when the source covers the preset box, the variant is exactly the box. When the source is
 * smaller than the box on either side, the variant keeps the preset's aspect ratio and takes the largest
 * crop the source allows at its own scale (an 800×600 source gives `og` 800×420, not an upscaled
 * 1200×630). `width`/`height` in `formats` always tell the real size.
 */
export function variantSize(source: Size, box: Size): Size {
  if (source.width >= box.width && source.height >= box.height)
    return { width: box.width, height: box.height };
  const ratio = box.width / box.height;
  if (source.width / source.height > ratio) {
    return {
      width: Math.max(1, Math.min(source.width, Math.round(source.height * ratio))),
      height: source.height,
    };
  }
  return {
    width: source.width,
    height: Math.max(1, Math.min(source.height, Math.round(source.width / ratio))),
  };
}

/** Scale (≤ 1) at which `source` still covers `target` on both sides. */
const coverScale = (source: Size, target: Size) =>
  Math.max(target.width / source.width, target.height / source.height);

/**
 * The size to decode the source at so that every variant can be cut from that one decode: the smallest
 * downscale that still covers every target (libvips then uses shrink-on-load for JPEG/WebP), or the
 * source size when a target needs it all.
 */
export function decodeSize(source: Size, targets: Size[]): Size {
  const scale = Math.min(1, Math.max(0, ...targets.map((target) => coverScale(source, target))));
  if (scale >= 1) return { ...source };
  return {
    width: Math.min(source.width, Math.max(1, Math.ceil(source.width * scale))),
    height: Math.min(source.height, Math.max(1, Math.ceil(source.height * scale))),
  };
}

/** A rectangle of the source, in source pixels. */
export interface Region extends Size {
  left: number;
  top: number;
}

/**
 * The part of the source a cover crop to `target` keeps: the largest rectangle of the target's aspect
 * ratio, centred on the focal point as far as the edges allow. Cutting it out before resizing gives the
 * same picture as resizing first, without decoding the rest.
 */
export function sourceRegion(source: Size, target: Size, focal: FocalPoint): Region {
  const scale = coverScale(source, target);
  const width = Math.min(source.width, Math.max(1, Math.round(target.width / scale)));
  const height = Math.min(source.height, Math.max(1, Math.round(target.height / scale)));
  const left = clamp(
    Math.round((clamp(focal.x, 0, 100) / 100) * source.width - width / 2),
    0,
    source.width - width
  );
  const top = clamp(
    Math.round((clamp(focal.y, 0, 100) / 100) * source.height - height / 2),
    0,
    source.height - height
  );
  return { left, top, width, height };
}

/** A cover crop around a focal point: resize the image to `resize`, then extract `target` at `left`/`top`. */
export interface FocalCrop {
  resize: Size;
  left: number;
  top: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Plans a cover crop centred on the focal point as far as the image edges allow (sharp's own `position`
 * only knows gravities and strategies, not coordinates).
 */
export function focalCrop(image: Size, target: Size, focal: FocalPoint): FocalCrop {
  const scale = coverScale(image, target);
  const resize = {
    width: Math.max(target.width, Math.round(image.width * scale)),
    height: Math.max(target.height, Math.round(image.height * scale)),
  };
  const centreX = (clamp(focal.x, 0, 100) / 100) * resize.width;
  const centreY = (clamp(focal.y, 0, 100) / 100) * resize.height;
  return {
    resize,
    left: clamp(Math.round(centreX - target.width / 2), 0, resize.width - target.width),
    top: clamp(Math.round(centreY - target.height / 2), 0, resize.height - target.height),
  };
}

/** A focal point worth honouring: Strapi's JSON field may be null, partial or hand-written. */
export function parseFocalPoint(value: unknown): FocalPoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as Record<string, unknown>;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
    return null;
  return { x: clamp(x, 0, 100), y: clamp(y, 0, 100) };
}
