import path from 'node:path';
import type { Metadata } from 'sharp';
import type { Sharp } from './render';

/** The Media Library settings that decide how an original is stored. */
export interface OrientationSettings {
  autoOrientation?: boolean;
  sizeOptimization?: boolean;
}

/** The original rewritten upright. */
export interface UprightFile {
  filepath: string;
  width: number;
  height: number;
  sizeInBytes: number;
}

/**
 * Finishes auto-orientation on the file Strapi's optimize step kept: with `autoOrientation` on, Strapi
 * 5.54 keeps the un-rotated original whenever the rotated re-encode is bigger (always so with
 * `sizeOptimization` off, which re-encodes at quality 100), so the stored image and every format made from
 * it would stay sideways. Returns the header of the file as it is (`meta`), and `upright` when it had to
 * be rewritten into `directory` (then `meta` no longer describes what is stored). The settings are read
 * only for a file that is not upright.
 */
export async function finishOrientation(
  sharp: Sharp,
  filepath: string,
  {
    directory,
    name,
    settings,
  }: { directory: string; name: string; settings: () => Promise<OrientationSettings> }
): Promise<{ meta: Metadata; upright?: UprightFile }> {
  const meta = await sharp(filepath).metadata();
  if ((meta.orientation ?? 1) === 1) return { meta };
  const { autoOrientation, sizeOptimization } = await settings();
  if (!autoOrientation) return { meta };
  const format = meta.format as 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif';
  const target = path.join(directory, `upright-${name}`);
  const info = await sharp(filepath, { animated: true })
    .rotate()
    [format]({ quality: sizeOptimization === false ? 100 : 80 })
    .toFile(target);
  return {
    meta,
    upright: {
      filepath: target,
      width: info.width,
      height: info.pageHeight ?? info.height,
      sizeInBytes: info.size,
    },
  };
}
