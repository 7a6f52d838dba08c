import { createHash } from 'node:crypto';
import type { ResolvedPreset } from '../config';
import type { FocalPoint } from './geometry';
import type { FileProvenance } from './provenance';
import type { VariantRights } from './xmp';

export const PLUGIN_NAME = 'thumbnails';

/**
 * One entry of a file's `formats`, shaped like Strapi's own (name, hash, ext, path, url…) so that Strapi's
 * `remove` and `replace` delete it through the provider like any other format. `plugin`, `preset` and
 * `signature` mark the entries this plugin owns.
 */
export interface FormatEntry {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  path: string | null;
  width: number;
  height: number;
  /** Kilobytes, like Strapi's formats. */
  size: number;
  sizeInBytes: number;
  url: string;
  provider_metadata?: unknown;
  plugin?: string;
  preset?: string;
  signature?: string;
  /** On a preset's own variant (`og_webp`): `url 320w, …, url 1200w` over its ladder rungs and itself. */
  srcset?: string;
  /** On a preset's own variant: the `sizes` hint to publish with `srcset`. */
  sizes?: string;
}

/** The fields of an upload file row the plugin reads. */
export interface UploadFile {
  id: number;
  name: string;
  hash: string;
  ext?: string | null;
  mime: string;
  size?: number | string | null;
  width?: number | null;
  height?: number | null;
  url: string;
  provider?: string | null;
  provider_metadata?: unknown;
  path?: string | null;
  focalPoint?: unknown;
  formats?: Record<string, FormatEntry> | null;
  placeholder?: string | null;
  dominantColor?: string | null;
  provenance?: FileProvenance | null;
  variantRights?: VariantRights | null;
}

/** Bumped when the rendering changes in a way that should make `thumbnails:regenerate` redo everything. */
export const RENDER_VERSION = 2;

/** Whether a `formats` entry was written by this plugin. */
export const isOwnFormat = (entry: unknown): entry is FormatEntry =>
  typeof entry === 'object' && entry !== null && (entry as FormatEntry).plugin === PLUGIN_NAME;

/** Splits `formats` into this plugin's entries and everyone else's (Strapi's thumbnail and breakpoints). */
export function splitFormats(formats: UploadFile['formats']): {
  own: Record<string, FormatEntry>;
  others: Record<string, FormatEntry>;
} {
  const own: Record<string, FormatEntry> = {};
  const others: Record<string, FormatEntry> = {};
  for (const [key, entry] of Object.entries(formats ?? {})) {
    if (isOwnFormat(entry)) own[key] = entry;
    else others[key] = entry;
  }
  return { own, others };
}

const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** What identifies the stored source: a replace changes at least its size or dimensions or type. */
export const sourceFingerprint = (file: UploadFile): string =>
  JSON.stringify([
    file.hash,
    file.ext ?? '',
    file.mime,
    Number(file.size ?? 0).toFixed(2),
    file.width ?? null,
    file.height ?? null,
    file.url,
  ]);

/** Signature of the settings that shape every file's variants; a change means everything is stale. */
export const settingsSignature = (presets: ResolvedPreset[], placeholderSize: number): string =>
  sha([RENDER_VERSION, presets, placeholderSize]).slice(0, 16);

/**
 * Signature of one file's variant set: its source, its focal point, the settings and the rights written into it. Stored on every
 * entry the plugin writes; a file is up to date when its entries carry the signature it would get now.
 */
export const fileSignature = (
  file: UploadFile,
  focalPoint: FocalPoint | null,
  settings: string,
  rights?: VariantRights
): string => sha([sourceFingerprint(file), focalPoint, settings, rights ?? null]).slice(0, 16);

/** Keys this plugin should have written for the given presets. */
export const expectedKeys = (presets: ResolvedPreset[]): string[] =>
  presets.flatMap((preset) => preset.outputs.map((output) => output.key));

/**
 * Whether a file already has exactly the variants (and the placeholder) the current settings would make.
 * Lets afterCreate skip imported files and `thumbnails:regenerate` skip done work.
 */
export function isUpToDate(
  file: UploadFile,
  presets: ResolvedPreset[],
  signature: string
): boolean {
  const { own } = splitFormats(file.formats);
  if (!file.placeholder) return false;
  // Which ladder rungs exist depends on the source size, which the signature covers: when every entry
  // carries this signature and every preset variant is there, the ladders were made with them.
  return (
    expectedKeys(presets).every((key) => own[key]?.signature === signature) &&
    Object.values(own).every((entry) => entry.signature === signature)
  );
}

/**
 * The `srcset` of each preset output (`og_webp` → "url 320w, url 640w, …, url 1200w"), from stored
 * entries and the output each belongs to; ascending widths.
 */
export function srcsets(
  entries: Array<{ output: string; entry: FormatEntry }>
): Record<string, string> {
  const byOutput = new Map<string, FormatEntry[]>();
  for (const { output, entry } of entries)
    byOutput.set(output, [...(byOutput.get(output) ?? []), entry]);
  return Object.fromEntries(
    [...byOutput].map(([output, list]) => [
      output,
      [...list]
        .sort((a, b) => a.width - b.width)
        .map((entry) => `${entry.url} ${entry.width}w`)
        .join(', '),
    ])
  );
}

/**
 * Storage hash of a variant: `<key>_<file hash>_<signature prefix>`. The signature part gives a replaced
 * or re-cropped image new URLs (no stale CDN copies) and lets new files be written before old ones go.
 */
export const variantHash = (key: string, fileHash: string, signature: string): string =>
  `${key}_${fileHash}_${signature.slice(0, 8)}`;

/** Display name of a variant: `<key>_<original name without extension><variant ext>`. */
export function variantName(key: string, fileName: string, ext: string): string {
  const dot = fileName.lastIndexOf('.');
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  return `${key}_${base}${ext}`;
}

/** Bytes to kilobytes with two decimals, as Strapi stores `size`. */
export const bytesToKbytes = (bytes: number): number => Math.round((bytes / 1000) * 100) / 100;
