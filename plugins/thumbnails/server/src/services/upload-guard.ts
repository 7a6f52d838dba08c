import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharpModule from 'sharp';
import { bytesToKbytes } from '../lib/formats';
import { createLimiter, type Schedule } from '../lib/limiter';
import type { Sharp } from '../lib/render';
import { checkUploadedImage, refusalMessage } from '../lib/upload-check';
import type { FileProvenance } from '../lib/provenance';
import { insertJpegXmp, rightsXmpPacket, variantRightsOf } from '../lib/xmp';
import { errorMessage, getConfig, getService } from '../utils';

/** A file as the multipart parser (formidable) hands it to the upload service. */
export interface ParsedFile {
  filepath?: string;
  originalFilename?: string | null;
  name?: string;
  mimetype?: string | null;
  type?: string | null;
  size?: number;
}

/** The upload service methods the guard wraps (5.54: `upload({ data, files })`, `replace(id, { data, file })`). */
export interface UploadService {
  upload: (input: { data: unknown; files: ParsedFile | ParsedFile[] }, opts?: unknown) => Promise<unknown>;
  replace: (id: unknown, input: { data: unknown; file: ParsedFile }, opts?: unknown) => Promise<unknown>;
  [method: string]: unknown;
}

/** A format the upload plugin made (thumbnail, breakpoints), written to a temp file. */
type StrapiFormatFile = Record<string, unknown> & { filepath?: string; ext?: string; mime?: string };

/** The image-manipulation service methods the guard wraps. */
export interface ImageManipulationService {
  optimize: (file: Record<string, unknown>) => Promise<Record<string, unknown>>;
  generateThumbnail: (file: Record<string, unknown>) => Promise<StrapiFormatFile | null>;
  generateResponsiveFormats: (file: Record<string, unknown>) => Promise<Array<{ key: string; file: StrapiFormatFile } | null>>;
  [method: string]: unknown;
}

export interface UploadGuardDeps {
  strapi: Core.Strapi;
  /** Injected in tests; the app's sharp otherwise. */
  sharp?: Sharp;
}

/**
 * Checks uploaded files before Strapi's upload plugin touches them, so a broken image gets a 400 that
 * names the file and says why instead of a 500 from Strapi's optimize step (5.54 answers 500 for a PNG
 * with a bad IHDR CRC), and nothing is stored. Also makes Strapi's own image processing errors 400s.
 */
const createUploadGuard = ({ strapi, sharp = sharpModule }: UploadGuardDeps) => {
  let schedule: Schedule | undefined;
  let scheduleLimit = 0;
  /** Validation decodes share the plugin's `concurrency` bound (their own slots, so uploads never wait on variant encodes). */
  const slots = (): Schedule => {
    const { concurrency } = getConfig(strapi);
    if (!schedule || scheduleLimit !== concurrency) {
      schedule = createLimiter(concurrency);
      scheduleLimit = concurrency;
    }
    return schedule;
  };

  const nameOf = (file: ParsedFile) => file.originalFilename ?? file.name ?? 'unnamed';

  /**
   * Checks every file of one request; throws a 400 (ApplicationError) naming the first bad file and why.
   * All files are checked before any is stored, so a request with one bad file stores none.
   */
  const assertUploadable = async (files: ParsedFile | ParsedFile[] | undefined): Promise<void> => {
    const list = (Array.isArray(files) ? files : [files]).filter((file): file is ParsedFile & { filepath: string } =>
      Boolean(file?.filepath)
    );
    const reasons = await Promise.all(
      list.map((file) =>
        slots()(() =>
          checkUploadedImage(sharp, {
            filepath: file.filepath,
            name: nameOf(file),
            declaredMime: file.mimetype ?? file.type,
            size: file.size ?? 0,
          })
        )
      )
    );
    const index = reasons.findIndex((reason) => reason !== null);
    if (index === -1) return;
    const message = refusalMessage(nameOf(list[index]), reasons[index] as string);
    strapi.log.warn(`[thumbnails] upload refused: ${message}`);
    throw new errors.ApplicationError(message);
  };

  return {
    assertUploadable,

    /** Wraps the upload service so `upload` and `replace` (content API, admin, scripts) check their files first. */
    wrapUploadService(service: UploadService): UploadService {
      return {
        ...service,
        async upload(input: Parameters<UploadService['upload']>[0], opts?: unknown) {
          await assertUploadable(input?.files);
          return service.upload(input, opts);
        },
        async replace(id: unknown, input: Parameters<UploadService['replace']>[1], opts?: unknown) {
          await assertUploadable(input?.file);
          return service.replace(id, input, opts);
        },
      };
    },

    /**
     * Wraps Strapi's `optimize` (the step that answered 500 for broken PNGs): a sharp error there becomes a
     * 400 naming the file. It also finishes auto-orientation: with `autoOrientation` on, 5.54 keeps the
     * un-rotated original whenever the rotated re-encode is bigger (always so with `sizeOptimization` off,
     * which re-encodes at quality 100), so the stored image and every format made from it would stay sideways.
     * And it reads the original's rights and provenance into `provenance` before the re-encode drops them,
     * skipping the re-encode for originals with Content Credentials (C2PA) so they stay verifiable, and
     * writing the rights back (XMP) into a re-encoded JPEG original.
     */
    wrapImageManipulation(service: ImageManipulationService): ImageManipulationService {
      const uploadSettings = async () =>
        ((await strapi.store({ type: 'plugin', name: 'upload', key: 'settings' }).get({})) ?? {}) as {
          autoOrientation?: boolean;
          sizeOptimization?: boolean;
        };
      /** The original's provenance, read before Strapi's re-encode drops its metadata (and its C2PA manifest). */
      const originalProvenance = async (file: Record<string, unknown>): Promise<FileProvenance | null> => {
        const filepath = typeof file.filepath === 'string' ? file.filepath : undefined;
        if (!filepath) return null;
        try {
          return await getService(strapi, 'provenance').read(await fs.readFile(filepath), String(file.name));
        } catch (error) {
          strapi.log.warn(`[thumbnails] could not read the provenance of "${String(file.name)}": ${errorMessage(error)}`);
          return null;
        }
      };
      const optimize = async (file: Record<string, unknown>) => {
        const provenance = await originalProvenance(file);
        // Content Credentials sign the exact bytes: any re-encode (size optimization, auto orientation)
        // would break them, so an original with a C2PA manifest is stored byte-identical.
        if (provenance?.c2pa) return { ...file, provenance };
        const optimized = await optimizeImage(file);
        // A re-encoded original (size optimization, auto orientation) lost its metadata: a JPEG gets its
        // rights back as the same XMP packet as the variants (nothing private). An original Strapi kept
        // as uploaded (the re-encode was bigger) still has its own metadata and is left alone.
        if (optimized.filepath === file.filepath) return { ...optimized, provenance };
        return { ...((await tagFormat({ provenance }, optimized)) ?? optimized), provenance };
      };
      const optimizeImage = async (file: Record<string, unknown>) => {
        let result: Record<string, unknown>;
        try {
          result = await service.optimize(file);
        } catch (error) {
          const message = refusalMessage(String(file.name), `the image could not be processed (${errorMessage(error).split('\n')[0]})`);
          strapi.log.warn(`[thumbnails] upload refused: ${message}`);
          throw new errors.ApplicationError(message);
        }
        const filepath = typeof result.filepath === 'string' ? result.filepath : undefined;
        if (!filepath) return result;
        const meta = await sharp(filepath).metadata();
        if ((meta.orientation ?? 1) === 1) return result;
        const settings = await uploadSettings();
        if (!settings.autoOrientation) return result;
        const format = meta.format as 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif';
        const target = path.join(String(file.tmpWorkingDirectory ?? path.dirname(filepath)), `upright-${String(file.hash)}`);
        const info = await sharp(filepath, { animated: true })
          .rotate()
          [format]({ quality: settings.sizeOptimization === false ? 100 : 80 })
          .toFile(target);
        return {
          ...result,
          filepath: target,
          getStream: () => createReadStream(target),
          width: info.width,
          height: info.pageHeight ?? info.height,
          size: bytesToKbytes(info.size),
          sizeInBytes: info.size,
        };
      };
      /**
       * The upload plugin's own JPEG formats get the same rights XMP as the plugin's variants, inserted as an
       * APP1 segment without re-encoding (its other formats are left as Strapi writes them).
       */
      const tagFormat = async (file: Record<string, unknown>, format: StrapiFormatFile | null) => {
        const packet = rightsXmpPacket(variantRightsOf(file.provenance as FileProvenance | null | undefined));
        if (!format?.filepath || !packet || !/^image\/jpe?g$/i.test(String(format.mime))) return format;
        const bytes = insertJpegXmp(await fs.readFile(format.filepath), packet);
        await fs.writeFile(format.filepath, bytes);
        return Object.assign(format, { size: bytesToKbytes(bytes.length), sizeInBytes: bytes.length });
      };
      const generateThumbnail = async (file: Record<string, unknown>) => tagFormat(file, await service.generateThumbnail(file));
      const generateResponsiveFormats = async (file: Record<string, unknown>) =>
        Promise.all(
          (await service.generateResponsiveFormats(file)).map(async (entry) =>
            entry ? { ...entry, file: (await tagFormat(file, entry.file)) as StrapiFormatFile } : entry
          )
        );
      return { ...service, optimize, generateThumbnail, generateResponsiveFormats };
    },

    /**
     * Removes what the multipart parser left in the temp folder when a request failed: Strapi's body
     * middleware (5.54) deletes uploaded temp files only when the rest of the chain succeeded.
     */
    async removeLeftovers(files: Record<string, ParsedFile | ParsedFile[]> | undefined): Promise<void> {
      const paths = Object.values(files ?? {})
        .flatMap((entry) => (Array.isArray(entry) ? entry : [entry]))
        .map((file) => file?.filepath)
        .filter((filepath): filepath is string => typeof filepath === 'string');
      await Promise.all(
        paths.map((filepath) =>
          fs
            .rm(filepath, { force: true })
            .catch((error) => strapi.log.warn(`[thumbnails] could not remove temp file ${filepath}: ${errorMessage(error)}`))
        )
      );
    },
  };
};

export type UploadGuardService = ReturnType<typeof createUploadGuard>;
export default createUploadGuard;
