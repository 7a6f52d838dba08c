import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharpModule, { type FormatEnum } from 'sharp';
import { resolvePresets, type ResolvedPreset } from '../config';
import {
  bytesToKbytes,
  fileSignature,
  isUpToDate,
  PLUGIN_NAME,
  settingsSignature,
  sourceFingerprint,
  splitFormats,
  srcsets,
  variantHash,
  variantName,
  type FormatEntry,
  type UploadFile,
} from '../lib/formats';
import { parseFocalPoint } from '../lib/geometry';
import { limiterFor } from '../lib/limiter';
import {
  inspectSource,
  isRasterMime,
  renderVariants,
  SkipError,
  type RenderedVariant,
  type Sharp,
} from '../lib/render';
import type { FileProvenance } from '../lib/provenance';
import type { UploadState } from '../lib/upload-state';
import { rightsXmpPacket, variantRightsOf, type VariantRights } from '../lib/xmp';
import { errorMessage, FILE_UID, getConfig, getService } from '../utils';

/** What happened to one file. */
export type Outcome =
  | {
      status: 'generated';
      formats: Record<string, FormatEntry>;
      placeholder: string;
      dominantColor: string;
      provenance: FileProvenance | null;
    }
  | { status: 'up-to-date' }
  /** No variants: bad or unsupported input. `notImage` when the file never claimed to be a raster image. */
  | {
      status: 'skipped';
      reason: string;
      notImage: boolean;
      cleared?: { formats: Record<string, FormatEntry> };
    }
  /** Storing or recording variants failed; the file's row was left as it was. */
  | { status: 'failed'; reason: string }
  /** The file was deleted or its content replaced while the variants were being made; nothing recorded. */
  | { status: 'superseded' };

/** What `makeVariants` stored for one file: its new entries, to be recorded over the file's other formats. */
interface Made {
  entries: Record<string, FormatEntry>;
  uploaded: FormatEntry[];
  placeholder: string;
  dominantColor: string;
  provenance: FileProvenance | null;
}

/** Turns for `rotateOriginal`: clockwise degrees, or `auto` to apply the stored EXIF orientation only. */
export type Rotation = 'auto' | 90 | 180 | 270;

/** What a dry run would do with a file, without reading it. */
export type Plan =
  | { action: 'up-to-date' }
  | { action: 'generate'; reason: string }
  | { action: 'skip'; reason: string; notImage: boolean };

export interface GenerateOptions {
  /** A reader for the source bytes when the caller has them (the upload's temp file); else the provider's copy is read. */
  getStream?: () => NodeJS.ReadableStream;
  /** Don't log a warning for files that never claimed to be images (PDF, video…): `thumbnails:regenerate` counts them instead. */
  quietNotImage?: boolean;
  /** What the upload's steps read of the stored bytes (their header): not read again. */
  upload?: UploadState;
}

/** The upload provider as the plugin uses it (local, S3, Cloudinary… all implement these). */
interface UploadProvider {
  upload?: (file: Record<string, unknown>) => Promise<void>;
  uploadStream?: (file: Record<string, unknown>) => Promise<void>;
  delete: (file: Record<string, unknown>) => Promise<unknown>;
  isPrivate?: () => boolean | Promise<boolean>;
  getSignedUrl?: (file: Record<string, unknown>) => Promise<{ url: string }>;
}

/** Marks the plugin's own row updates, so its afterUpdate hook ignores them (and never waits on itself). */
export const INTERNAL_UPDATE = '__thumbnailsInternal';

const streamToBuffer = async (stream: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
};

export interface VariantsServiceDeps {
  strapi: Core.Strapi;
  /** Injected in tests; the app's sharp (the upload plugin's) otherwise. */
  sharp?: Sharp;
}

/**
 * Makes, stores and records a file's variants and placeholder, and keeps them in step with the file.
 * Every public method is safe to call for any file: bad input is skipped with a warning, never thrown.
 */
const createVariantsService = ({ strapi, sharp = sharpModule }: VariantsServiceDeps) => {
  /** Per-file queue: one job per file at a time in this process (upload hook, replace hook, regenerate). */
  const locks = new Map<number, Promise<unknown>>();

  const slots = limiterFor(() => getConfig(strapi).concurrency);

  const provider = (): UploadProvider =>
    strapi.plugin('upload').provider as unknown as UploadProvider;
  const settings = () => {
    const config = getConfig(strapi);
    const schedule = slots();
    const presets: ResolvedPreset[] = resolvePresets(config);
    return {
      config,
      presets,
      signature: settingsSignature(presets, config.placeholder.size),
      schedule,
    };
  };

  const withLock = async <T>(id: number, job: () => Promise<T>): Promise<T> => {
    const previous = locks.get(id) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(job);
    locks.set(id, current);
    try {
      return await current;
    } finally {
      if (locks.get(id) === current) locks.delete(id);
    }
  };

  const findFile = async (id: number) =>
    (await strapi.db.query(FILE_UID).findOne({ where: { id } })) as UploadFile | null;

  const updateFile = (id: number, data: Partial<UploadFile>) =>
    strapi.db.query(FILE_UID).update({
      where: { id },
      data,
      [INTERNAL_UPDATE]: true,
    } as never) as Promise<UploadFile | null>;

  const warn = (file: UploadFile, message: string) =>
    strapi.log.warn(
      `[thumbnails] no variants for "${file.name}"${file.id ? ` (file ${file.id})` : ''}: ${message}`
    );

  /** Source bytes: the caller's stream, the local provider's file, or the provider URL (signed when private). */
  const readSource = async (
    file: UploadFile,
    getStream?: () => NodeJS.ReadableStream
  ): Promise<Buffer> => {
    if (getStream) {
      try {
        return await streamToBuffer(getStream());
      } catch (error) {
        // Strapi 5.54's `replace` removes its temp folder before it updates the row, so on a replace the
        // temp file is already gone: read the stored copy instead.
        strapi.log.debug(
          `[thumbnails] temp copy of "${file.name}" unavailable (${errorMessage(error)}); reading the stored file`
        );
      }
    }
    if (file.url.startsWith('/')) {
      const publicDir = path.resolve(strapi.dirs.static.public);
      const filePath = path.resolve(publicDir, `.${decodeURIComponent(file.url.split('?')[0])}`);
      if (!filePath.startsWith(publicDir + path.sep))
        throw new Error(`refusing to read ${file.url} outside the public folder`);
      return fs.readFile(filePath);
    }
    let { url } = file;
    const store = provider();
    if (store.isPrivate && (await store.isPrivate()) && store.getSignedUrl) {
      url = (await store.getSignedUrl(file as unknown as Record<string, unknown>)).url;
    }
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`GET ${file.url} answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };

  /** Uploads one variant through the provider, the way Strapi uploads its own formats. */
  const storeVariant = async (
    file: UploadFile,
    variant: RenderedVariant,
    signature: string
  ): Promise<FormatEntry> => {
    const entry: FormatEntry = {
      name: variantName(variant.key, file.name, variant.ext),
      hash: variantHash(variant.key, file.hash, signature),
      ext: variant.ext,
      mime: variant.mime,
      path: file.path ?? null,
      width: variant.width,
      height: variant.height,
      size: bytesToKbytes(variant.data.length),
      sizeInBytes: variant.data.length,
      url: '',
      plugin: PLUGIN_NAME,
      preset: variant.preset,
      signature,
    };
    const providerFile: Record<string, unknown> = {
      ...entry,
      getStream: () => Readable.from(variant.data),
    };
    const store = provider();
    if (typeof store.uploadStream === 'function') {
      providerFile.stream = Readable.from(variant.data);
      await store.uploadStream(providerFile);
    } else if (typeof store.upload === 'function') {
      providerFile.buffer = variant.data;
      await store.upload(providerFile);
    } else {
      throw new Error('the upload provider has neither uploadStream nor upload');
    }
    if (typeof providerFile.url !== 'string' || !providerFile.url)
      throw new Error(`the provider returned no url for ${entry.name}`);
    entry.url = providerFile.url;
    if (providerFile.provider_metadata !== undefined)
      entry.provider_metadata = providerFile.provider_metadata;
    return entry;
  };

  /** Deletes stored variants; a failure leaves an orphan, so it is logged, not thrown. */
  const deleteEntries = async (file: UploadFile, entries: FormatEntry[], what: string) => {
    const results = await Promise.allSettled(
      entries.map((entry) => provider().delete({ ...entry }))
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        strapi.log.warn(
          `[thumbnails] could not delete ${what} ${entries[index].hash}${entries[index].ext} of "${file.name}" (file ${file.id}): ${errorMessage(result.reason)}`
        );
      }
    });
  };

  /** Skips a file; if it still carries variants or a placeholder from earlier content, drops them. */
  const skip = async (
    file: UploadFile,
    reason: string,
    notImage: boolean,
    options: GenerateOptions
  ): Promise<Outcome> => {
    if (!(notImage && options.quietNotImage)) warn(file, reason);
    const { own, others } = splitFormats(file.formats);
    const stale = Object.values(own);
    if (stale.length === 0 && !file.placeholder && !file.dominantColor)
      return { status: 'skipped', reason, notImage };
    await updateFile(file.id, { formats: others, placeholder: null, dominantColor: null });
    await deleteEntries(file, stale, 'stale variant');
    return { status: 'skipped', reason, notImage, cleared: { formats: others } };
  };

  const plan = (file: UploadFile): Plan => {
    const { presets, signature } = settings();
    if (!isRasterMime(file.mime)) {
      const notImage = !String(file.mime ?? '').startsWith('image/');
      return {
        action: 'skip',
        reason: `${file.mime || 'untyped'} is not a raster image type the plugin handles`,
        notImage,
      };
    }
    const current = (strapi.config.get('plugin::upload') as { provider?: string } | undefined)
      ?.provider;
    if (current && file.provider && file.provider !== current) {
      // Strapi only deletes the formats of files stored by the current provider: variants would be orphaned.
      return {
        action: 'skip',
        reason: `stored by another upload provider (${file.provider}, now ${current})`,
        notImage: false,
      };
    }
    const expected = fileSignature(
      file,
      parseFocalPoint(file.focalPoint),
      signature,
      variantRightsOf(file.provenance, file.variantRights)
    );
    if (isUpToDate(file, presets, expected)) return { action: 'up-to-date' };
    const { own } = splitFormats(file.formats);
    return {
      action: 'generate',
      reason: Object.keys(own).length === 0 ? 'no variants yet' : 'variants are out of date',
    };
  };

  /**
   * Reads a file's source, renders its variants and placeholder and stores them through the provider: the
   * new entries (srcset and sizes set), ready to be recorded over the file's other formats. A file that
   * cannot be read or stored comes back as a `failed` outcome, one that cannot be decoded as a `skip`.
   */
  const makeVariants = async (
    file: UploadFile,
    options: GenerateOptions
  ): Promise<Made | { failed: Outcome } | { skipReason: string }> => {
    const { config, presets, signature: settingsSig, schedule: limit } = settings();
    const focalPoint = parseFocalPoint(file.focalPoint);

    let source: Buffer;
    try {
      source = await readSource(file, options.getStream);
    } catch (error) {
      // Possibly transient (storage down, timeout): keep whatever variants the file has.
      const reason = `could not read the source (${errorMessage(error)})`;
      warn(file, reason);
      return { failed: { status: 'failed', reason } };
    }
    let rendered: Awaited<ReturnType<typeof renderVariants>>;
    let provenance = file.provenance ?? null;
    let rights: VariantRights | undefined;
    try {
      const info = await inspectSource(sharp, source, {
        claimedMime: file.mime,
        maxInputPixels: config.maxInputPixels,
        knownMeta: options.upload?.storedMeta,
      });
      // Read on upload by the upload guard (from the original, before Strapi re-encodes it); media uploaded
      // before the plugin read provenance, or not optimized by Strapi (GIF), gets it from the stored bytes.
      if (!provenance)
        provenance = await getService(strapi, 'provenance').read(source, file.name, info.meta);
      rights = variantRightsOf(provenance, file.variantRights);
      rendered = await renderVariants(sharp, source, info, {
        xmp: rightsXmpPacket(rights),
        presets,
        focalPoint,
        maxInputPixels: config.maxInputPixels,
        placeholderSize: config.placeholder.size,
        schedule: limit,
      });
    } catch (error) {
      return {
        skipReason:
          error instanceof SkipError
            ? error.reason
            : `could not decode the image (${errorMessage(error)})`,
      };
    }

    // Computed with the provenance just read, so the row plan() sees next time has the same signature.
    const signature = fileSignature(file, focalPoint, settingsSig, rights);
    const stored = await Promise.allSettled(
      rendered.variants.map((variant) => storeVariant(file, variant, signature))
    );
    const uploaded = stored.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : []
    );
    const failure = stored.find(
      (result): result is PromiseRejectedResult => result.status === 'rejected'
    );
    if (failure) {
      await deleteEntries(file, uploaded, 'new variant');
      const reason = `storing variants failed (${errorMessage(failure.reason)})`;
      warn(file, reason);
      return { failed: { status: 'failed', reason } };
    }

    const entries: Record<string, FormatEntry> = {};
    rendered.variants.forEach((variant, index) => {
      entries[variant.key] = uploaded[index];
    });
    const sets = srcsets(
      rendered.variants.map((variant, index) => ({
        output: variant.output,
        entry: uploaded[index],
      }))
    );
    for (const preset of presets) {
      for (const output of preset.outputs) {
        if (entries[output.key])
          Object.assign(entries[output.key], { srcset: sets[output.key], sizes: preset.sizes });
      }
    }
    return {
      entries,
      uploaded,
      placeholder: rendered.placeholder,
      dominantColor: rendered.dominantColor,
      provenance,
    };
  };

  const generateLocked = async (id: number, options: GenerateOptions): Promise<Outcome> => {
    const file = await findFile(id);
    if (!file) return { status: 'superseded' };
    const decision = plan(file);
    if (decision.action === 'up-to-date') return { status: 'up-to-date' };
    if (decision.action === 'skip') return skip(file, decision.reason, decision.notImage, options);

    const made = await makeVariants(file, options);
    if ('failed' in made) return made.failed;
    if ('skipReason' in made) return skip(file, made.skipReason, false, options);
    const { entries, uploaded, placeholder, dominantColor, provenance } = made;

    // The row may have changed while we worked (deleted, or replaced by another instance): don't record
    // variants of content that is gone, and don't leave their files behind.
    const current = await findFile(file.id);
    if (!current || sourceFingerprint(current) !== sourceFingerprint(file)) {
      await deleteEntries(file, uploaded, 'superseded variant');
      return { status: 'superseded' };
    }
    const { own: previous, others } = splitFormats(current.formats);
    const formats: Record<string, FormatEntry> = { ...others, ...entries };
    try {
      await updateFile(file.id, { formats, placeholder, dominantColor, provenance });
    } catch (error) {
      await deleteEntries(file, uploaded, 'new variant');
      const reason = `recording variants failed (${errorMessage(error)})`;
      warn(file, reason);
      return { status: 'failed', reason };
    }
    const kept = new Set(uploaded.map((entry) => `${entry.hash}${entry.ext}`));
    await deleteEntries(
      file,
      Object.values(previous).filter((entry) => !kept.has(`${entry.hash}${entry.ext}`)),
      'old variant'
    );
    return { status: 'generated', formats, placeholder, dominantColor, provenance };
  };

  return {
    /**
     * Brings one file's variants up to date: generates them when missing or stale (changed content,
     * focal point or settings), does nothing when up to date, skips bad input with a warning naming the
     * file. Variants are stored first and recorded in `formats` in one update, so `formats` is never
     * half-written; replaced variant files are deleted after the update.
     */
    async generate(id: number, options: GenerateOptions = {}): Promise<Outcome> {
      try {
        return await withLock(id, () => generateLocked(id, options));
      } catch (error) {
        strapi.log.warn(`[thumbnails] could not process file ${id}: ${errorMessage(error)}`);
        return { status: 'failed', reason: errorMessage(error) };
      }
    },

    /**
     * Makes the variants of a file whose row is about to be created (an upload, from the create's data),
     * so the row is written once, with them: the caller puts a `generated` outcome's fields on the data.
     * Returns null when the file must be handled once its row exists (it carries stale variants of its own).
     * Never throws: a failure is logged and returned as `failed`, and costs the variants, not the upload.
     */
    async prepareNew(
      data: Omit<UploadFile, 'id'>,
      options: GenerateOptions = {}
    ): Promise<Outcome | null> {
      const file = data as UploadFile;
      try {
        const decision = plan(file);
        if (decision.action === 'up-to-date') return { status: 'up-to-date' };
        const { own } = splitFormats(file.formats);
        if (Object.keys(own).length > 0) return null;
        if (decision.action === 'skip') {
          if (!(decision.notImage && options.quietNotImage)) warn(file, decision.reason);
          return { status: 'skipped', reason: decision.reason, notImage: decision.notImage };
        }
        const made = await makeVariants(file, options);
        if ('failed' in made) return made.failed;
        if ('skipReason' in made) {
          warn(file, made.skipReason);
          return { status: 'skipped', reason: made.skipReason, notImage: false };
        }
        const { entries, placeholder, dominantColor, provenance } = made;
        return {
          status: 'generated',
          formats: { ...(file.formats ?? {}), ...entries },
          placeholder,
          dominantColor,
          provenance,
        };
      } catch (error) {
        strapi.log.warn(`[thumbnails] could not process "${file.name}": ${errorMessage(error)}`);
        return { status: 'failed', reason: errorMessage(error) };
      }
    },

    /** What `generate` would do with a file, decided from its row alone (no reads from storage). */
    plan,

    /**
     * Rewrites a stored original upright and has every format rebuilt from it: reads the original,
     * applies its EXIF orientation and then `rotation` (clockwise), and replaces the file's content through
     * the upload plugin's own `replace` (same URL; Strapi remakes thumbnail/small/medium/large, and the
     * afterUpdate hook remakes the variants). For originals stored sideways without their orientation tag
     * (Strapi's size optimization dropped it before auto orientation was on), which nothing can detect.
     * Throws a 404/400 ApplicationError for a missing file or a non-image.
     */
    async rotateOriginal(
      id: number,
      rotation: Rotation
    ): Promise<{ width: number; height: number }> {
      const file = (await findFile(id)) as
        | (UploadFile & { alternativeText?: string | null; caption?: string | null })
        | null;
      if (!file) throw new errors.NotFoundError(`file ${id} not found`);
      if (!isRasterMime(file.mime))
        throw new errors.ApplicationError(
          `file ${id} ("${file.name}") is not a raster image (${file.mime})`
        );
      const source = await readSource(file);
      const meta = await sharp(source).metadata();
      const turned = sharp(source, { autoOrient: true, animated: (meta.pages ?? 1) > 1 });
      if (rotation !== 'auto') turned.rotate(rotation);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'thumbnails-rotate-'));
      try {
        const filepath = path.join(dir, `${file.hash}${file.ext ?? ''}`);
        const info = await turned
          .toFormat(meta.format as keyof FormatEnum, { quality: 90 })
          .toFile(filepath);
        await strapi
          .plugin('upload')
          .service('upload')
          .replace(id, {
            data: {
              fileInfo: {
                name: file.name,
                alternativeText: file.alternativeText,
                caption: file.caption,
              },
            },
            file: { filepath, originalFilename: file.name, mimetype: file.mime, size: info.size },
          });
        return { width: info.width, height: info.pageHeight ?? info.height };
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },

    /**
     * Sets the rights written (as XMP) into a file's variants, e.g. from the credit an editor gave the
     * image, and rewrites its variants in the background; `null` goes back to the file's own metadata.
     * Resolves once the rights are saved, with `done`, which settles when the variants are rewritten
     * (callers may ignore it; a failure is logged). Throws a 404 for a missing file.
     */
    async rewriteRights(
      id: number,
      rights: VariantRights | null
    ): Promise<{ done: Promise<Outcome> }> {
      const file = await findFile(id);
      if (!file) throw new errors.NotFoundError(`file ${id} not found`);
      const value = rights ? (variantRightsOf(null, rights) ?? null) : null;
      await withLock(id, () => updateFile(id, { variantRights: value }));
      const done = new Promise<Outcome>((resolve) => {
        setImmediate(() => {
          withLock(id, () => generateLocked(id, {})).then(resolve, (error: unknown) => {
            strapi.log.warn(
              `[thumbnails] could not rewrite the rights of file ${id}: ${errorMessage(error)}`
            );
            resolve({ status: 'failed', reason: errorMessage(error) });
          });
        });
      });
      return { done };
    },

    /** Signature of the current settings (presets, formats, encoder options, placeholder). */
    settingsSignature(): string {
      return settings().signature;
    },
  };
};

export type VariantsService = ReturnType<typeof createVariantsService>;
export default createVariantsService;
