import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharpModule, { type Metadata } from 'sharp';
import { bytesToKbytes } from '../lib/formats';
import { limiterFor } from '../lib/limiter';
import type { Sharp } from '../lib/render';
import { finishOrientation, type OrientationSettings } from '../lib/orient';
import { inspectUpload, refusalMessage } from '../lib/upload-check';
import { withUploadState } from '../lib/upload-state';
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
  upload: (
    input: { data: unknown; files: ParsedFile | ParsedFile[] },
    opts?: unknown
  ) => Promise<unknown>;
  replace: (
    id: unknown,
    input: { data: unknown; file: ParsedFile },
    opts?: unknown
  ) => Promise<unknown>;
  [method: string]: unknown;
}

/** A format the upload plugin made (thumbnail, breakpoints), written to a temp file. */
type StrapiFormatFile = Record<string, unknown> & {
  filepath?: string;
  ext?: string;
  mime?: string;
};

/** The image-manipulation service methods the guard wraps. */
export interface ImageManipulationService {
  isFaultyImage: (file: Record<string, unknown>) => Promise<boolean>;
  optimize: (file: Record<string, unknown>) => Promise<Record<string, unknown>>;
  generateThumbnail: (file: Record<string, unknown>) => Promise<StrapiFormatFile | null>;
  generateResponsiveFormats: (
    file: Record<string, unknown>
  ) => Promise<Array<{ key: string; file: StrapiFormatFile } | null>>;
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
  /** Validation decodes share the plugin's `concurrency` bound (their own slots, so uploads never wait on variant encodes). */
  const slots = limiterFor(() => getConfig(strapi).concurrency);

  const nameOf = (file: ParsedFile) => file.originalFilename ?? file.name ?? 'unnamed';

  /**
   * The headers read by the check of uploads in progress, by temp file path: the later steps of the same
   * upload (Strapi's faulty-image test, the provenance read) use them instead of opening the file again.
   */
  const checked = new Map<string, Metadata>();
  const pathsOf = (files: ParsedFile | ParsedFile[] | undefined) =>
    (Array.isArray(files) ? files : [files])
      .map((file) => file?.filepath)
      .filter((filepath): filepath is string => Boolean(filepath));

  /**
   * Checks every file of one request; throws a 400 (ApplicationError) naming the first bad file and why.
   * All files are checked before any is stored, so a request with one bad file stores none.
   */
  const assertUploadable = async (files: ParsedFile | ParsedFile[] | undefined): Promise<void> => {
    const list = (Array.isArray(files) ? files : [files]).filter(
      (file): file is ParsedFile & { filepath: string } => Boolean(file?.filepath)
    );
    const inspections = await Promise.all(
      list.map((file) =>
        slots()(() =>
          inspectUpload(sharp, {
            filepath: file.filepath,
            name: nameOf(file),
            declaredMime: file.mimetype ?? file.type,
            size: file.size ?? 0,
          })
        )
      )
    );
    const index = inspections.findIndex((inspection) => inspection.reason !== null);
    if (index === -1) {
      inspections.forEach((inspection, at) => {
        if (inspection.meta) checked.set(list[at].filepath, inspection.meta);
      });
      return;
    }
    const message = refusalMessage(nameOf(list[index]), inspections[index].reason as string);
    strapi.log.warn(`[thumbnails] upload refused: ${message}`);
    throw new errors.ApplicationError(message);
  };

  /** Runs one upload or replace with its files checked first; forgets their headers when it ends. */
  const checkedUpload = async <T>(
    files: ParsedFile | ParsedFile[] | undefined,
    upload: () => Promise<T>
  ): Promise<T> => {
    try {
      await assertUploadable(files);
      return await upload();
    } finally {
      for (const filepath of pathsOf(files)) checked.delete(filepath);
    }
  };

  return {
    assertUploadable,

    /** Wraps the upload service so `upload` and `replace` (content API, admin, scripts) check their files first. */
    wrapUploadService(service: UploadService): UploadService {
      return {
        ...service,
        async upload(input: Parameters<UploadService['upload']>[0], opts?: unknown) {
          return checkedUpload(input?.files, () => service.upload(input, opts));
        },
        async replace(id: unknown, input: Parameters<UploadService['replace']>[1], opts?: unknown) {
          return checkedUpload(input?.file, () => service.replace(id, input, opts));
        },
      };
    },

    /**
     * Wraps Strapi's image processing so one upload goes through named steps, each reading what it needs
     * once and handing it on (lib/upload-state.ts):
     * 1. check: done before Strapi starts (`wrapUploadService`); Strapi's own faulty-image test, a full
     *    decode, is skipped for a file the check already decoded;
     * 2. provenance: the original's rights and Content Credentials, read before any re-encode drops them
     *    (an original with a C2PA manifest is stored byte-identical so it stays verifiable);
     * 3. optimize: Strapi's, its sharp errors turned into a 400 naming the file;
     * 4. orient: auto-orientation finished where Strapi kept a sideways original (lib/orient.ts);
     * 5. rights: one XMP packet, written into a re-encoded JPEG original and Strapi's JPEG formats;
     * 6. variants: made when the row is created (../lifecycles.ts), from the header and provenance read here.
     */
    wrapImageManipulation(service: ImageManipulationService): ImageManipulationService {
      const uploadSettings = async () =>
        ((await strapi.store({ type: 'plugin', name: 'upload', key: 'settings' }).get({})) ??
          {}) as OrientationSettings;

      const isFaultyImage = async (file: Record<string, unknown>) =>
        typeof file.filepath === 'string' && checked.has(file.filepath)
          ? false
          : service.isFaultyImage(file);

      /** Step 2: the original's provenance, read before Strapi's re-encode drops its metadata (and its C2PA manifest). */
      const originalProvenance = async (
        file: Record<string, unknown>
      ): Promise<FileProvenance | null> => {
        const filepath = typeof file.filepath === 'string' ? file.filepath : undefined;
        if (!filepath) return null;
        try {
          return await getService(strapi, 'provenance').read(
            await fs.readFile(filepath),
            String(file.name),
            checked.get(filepath)
          );
        } catch (error) {
          strapi.log.warn(
            `[thumbnails] could not read the provenance of "${String(file.name)}": ${errorMessage(error)}`
          );
          return null;
        }
      };

      /** Step 3: Strapi's optimize; a sharp error there (5.54 answers 500 for a PNG with a bad IHDR CRC) becomes a 400 naming the file. */
      const strapiOptimize = async (file: Record<string, unknown>) => {
        try {
          return await service.optimize(file);
        } catch (error) {
          const message = refusalMessage(
            String(file.name),
            `the image could not be processed (${errorMessage(error).split('\n')[0]})`
          );
          strapi.log.warn(`[thumbnails] upload refused: ${message}`);
          throw new errors.ApplicationError(message);
        }
      };

      /** Step 4: the optimized file, upright; with the header of what is stored when no rewrite was needed. */
      const orient = async (file: Record<string, unknown>, result: Record<string, unknown>) => {
        const filepath = typeof result.filepath === 'string' ? result.filepath : undefined;
        if (!filepath) return { result, storedMeta: undefined };
        const { meta, upright } = await finishOrientation(sharp, filepath, {
          directory: String(file.tmpWorkingDirectory ?? path.dirname(filepath)),
          name: String(file.hash),
          settings: uploadSettings,
        });
        if (!upright) return { result, storedMeta: meta };
        return {
          result: {
            ...result,
            filepath: upright.filepath,
            getStream: () => createReadStream(upright.filepath),
            width: upright.width,
            height: upright.height,
            size: bytesToKbytes(upright.sizeInBytes),
            sizeInBytes: upright.sizeInBytes,
          },
          storedMeta: undefined,
        };
      };

      /**
       * Step 5: the rights as XMP in a JPEG Strapi wrote (the re-encoded original, its own formats), inserted
       * as an APP1 segment without re-encoding; other formats are left as Strapi writes them. The packet
       * is the variants' (nothing private).
       */
      const writeRights = async (
        file: Record<string, unknown>,
        format: StrapiFormatFile | null
      ) => {
        const packet = rightsXmpPacket(
          variantRightsOf(file.provenance as FileProvenance | null | undefined)
        );
        if (!format?.filepath || !packet || !/^image\/jpe?g$/i.test(String(format.mime)))
          return format;
        const bytes = insertJpegXmp(await fs.readFile(format.filepath), packet);
        await fs.writeFile(format.filepath, bytes);
        return Object.assign(format, {
          size: bytesToKbytes(bytes.length),
          sizeInBytes: bytes.length,
        });
      };

      const optimize = async (file: Record<string, unknown>) => {
        const provenance = await originalProvenance(file);
        if (provenance?.c2pa) {
          // Content Credentials sign the exact bytes: any re-encode would break them.
          const storedMeta =
            typeof file.filepath === 'string' ? checked.get(file.filepath) : undefined;
          return withUploadState({ ...file, provenance }, { storedMeta });
        }
        const optimized = await strapiOptimize(file);
        const { result, storedMeta } = await orient(file, optimized);
        // An original Strapi kept as uploaded (its re-encode was bigger) still has its own metadata.
        if (result.filepath === file.filepath)
          return withUploadState({ ...result, provenance }, { storedMeta });
        // A re-encoded original lost it: a JPEG gets its rights back (an XMP insert leaves the header's
        // format, size and orientation as read, so `storedMeta` still holds).
        const tagged = (await writeRights({ provenance }, result as StrapiFormatFile)) ?? result;
        return withUploadState({ ...tagged, provenance }, { storedMeta });
      };
      const generateThumbnail = async (file: Record<string, unknown>) =>
        writeRights(file, await service.generateThumbnail(file));
      const generateResponsiveFormats = async (file: Record<string, unknown>) =>
        Promise.all(
          (await service.generateResponsiveFormats(file)).map(async (entry) =>
            entry
              ? { ...entry, file: (await writeRights(file, entry.file)) as StrapiFormatFile }
              : entry
          )
        );
      return { ...service, isFaultyImage, optimize, generateThumbnail, generateResponsiveFormats };
    },

    /**
     * Removes what the multipart parser left in the temp folder when a request failed: Strapi's body
     * middleware (5.54) deletes uploaded temp files only when the rest of the chain succeeded.
     */
    async removeLeftovers(
      files: Record<string, ParsedFile | ParsedFile[]> | undefined
    ): Promise<void> {
      const paths = Object.values(files ?? {})
        .flatMap((entry) => (Array.isArray(entry) ? entry : [entry]))
        .map((file) => file?.filepath)
        .filter((filepath): filepath is string => typeof filepath === 'string');
      await Promise.all(
        paths.map((filepath) =>
          fs
            .rm(filepath, { force: true })
            .catch((error) =>
              strapi.log.warn(
                `[thumbnails] could not remove temp file ${filepath}: ${errorMessage(error)}`
              )
            )
        )
      );
    },
  };
};

export type UploadGuardService = ReturnType<typeof createUploadGuard>;
export default createUploadGuard;
