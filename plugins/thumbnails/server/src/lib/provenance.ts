import exifr from 'exifr';
import type { Metadata } from 'sharp';
import { errorMessage } from './errors';
import type { Sharp } from './render';
import {
  DIGITAL_SOURCE_TYPE_BASE,
  type C2paInfo,
  type FileProvenance,
  type ProvenanceRights,
} from '../../../shared/provenance';

// The stored shape is the plugin's contract with apps: it lives in shared/ (strapi-plugin-thumbnails/shared).
export type {
  C2paAction,
  C2paInfo,
  FileProvenance,
  ProvenanceRights,
} from '../../../shared/provenance';

/** Digital source types that mean "made or edited by an AI model / an algorithm". */
export const AI_SOURCE_TYPES = [
  'trainedAlgorithmicMedia',
  'compositeWithTrainedAlgorithmicMedia',
  'algorithmicMedia',
] as const;

/** The full IPTC URI for a digital source type given as a URI or a bare code; undefined for empty values. */
export function normalizeDigitalSourceType(value: unknown): string | undefined {
  const text = textOf(value);
  if (!text) return undefined;
  if (/^https?:\/\//i.test(text)) return text.replace(/^https:/i, 'http:');
  return `${DIGITAL_SOURCE_TYPE_BASE}${text}`;
}

/** Whether a digital source type (URI or code) marks AI-made or AI-edited media. */
export function isAiSourceType(value: string | undefined): boolean {
  if (!value) return false;
  const code = value.slice(value.lastIndexOf('/') + 1);
  return (AI_SOURCE_TYPES as readonly string[]).includes(code);
}

/** The metadata blocks the reader understands, as exifr returns them (one object per XMP namespace). */
export interface MetadataBlocks {
  /** XMP namespaces by prefix: `dc`, `photoshop`, `xmpRights`, `plus`, `Iptc4xmpExt`. */
  xmp?: Record<string, Record<string, unknown> | undefined>;
  /** IPTC-IIM application record (exifr's names: Byline, Credit, CopyrightNotice). */
  iptc?: Record<string, unknown>;
  /** EXIF IFD0 (Artist, Copyright). */
  ifd0?: Record<string, unknown>;
}

/** A language alternative (`{ lang, value }` or a list of them), a list, or a string, as text: x-default first. */
function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const preferred = value.find(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        (item as { lang?: string }).lang === 'x-default'
    );
    return textOf(preferred ?? value[0]);
  }
  if (typeof value === 'object' && 'value' in value)
    return textOf((value as { value: unknown }).value);
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * IPTC-IIM text as UTF-8. exifr 7 decodes IIM strings byte by byte (Latin-1) whatever the CodedCharacterSet
 * says, so "Jörg" written as UTF-8 reads "JÃ¶rg". Bytes that form valid multi-byte UTF-8 are decoded as
 * UTF-8 (Latin-1 text almost never does); anything else stays as read.
 */
export function iimText(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** IPTC-IIM fields with their text decoded as UTF-8 when it is (see iimText). */
function decodeIim(iptc: Record<string, unknown>): Record<string, unknown> {
  const decode = (value: unknown): unknown =>
    typeof value === 'string' ? iimText(value) : Array.isArray(value) ? value.map(decode) : value;
  return Object.fromEntries(Object.entries(iptc).map(([key, value]) => [key, decode(value)]));
}

/** A list of names from an XMP Seq/Bag, a repeated IPTC field, or a `;`-separated EXIF string. */
function namesOf(value: unknown, separator?: RegExp): string[] | undefined {
  const items = Array.isArray(value)
    ? value.map(textOf)
    : separator
      ? (textOf(value)?.split(separator) ?? [])
      : [textOf(value)];
  const names = items.map((item) => item?.trim()).filter((item): item is string => Boolean(item));
  return names.length > 0 ? [...new Set(names)] : undefined;
}

function licensorOf(value: unknown): ProvenanceRights['licensor'] {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return undefined;
  const record = first as Record<string, unknown>;
  const name = textOf(record.LicensorName);
  const url = textOf(record.LicensorURL);
  if (!name && !url) return undefined;
  return { ...(name && { name }), ...(url && { url }) };
}

/** Drops undefined fields, so absent means unknown in the stored JSON. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * Rights and digital source type from parsed metadata blocks. XMP wins over IPTC-IIM, which wins over
 * EXIF (the IPTC Photo Metadata Standard's order for the same property).
 */
export function rightsFromBlocks({ xmp = {}, iptc: rawIptc = {}, ifd0 = {} }: MetadataBlocks): {
  rights: ProvenanceRights;
  digitalSourceType?: string;
} {
  const dc = xmp.dc ?? {};
  const photoshop = xmp.photoshop ?? {};
  const xmpRights = xmp.xmpRights ?? {};
  const plus = xmp.plus ?? {};
  const ext = xmp.Iptc4xmpExt ?? {};
  const iptc = decodeIim(rawIptc);
  const rights = compact<ProvenanceRights>({
    creator: namesOf(dc.creator) ?? namesOf(iptc.Byline) ?? namesOf(ifd0.Artist, /;/),
    creditLine: textOf(photoshop.Credit) ?? textOf(iptc.Credit),
    copyrightNotice: textOf(dc.rights) ?? textOf(iptc.CopyrightNotice) ?? textOf(ifd0.Copyright),
    webStatement: textOf(xmpRights.WebStatement),
    licensor: licensorOf(plus.Licensor),
    usageTerms: textOf(xmpRights.UsageTerms),
  });
  return { rights, digitalSourceType: normalizeDigitalSourceType(ext.DigitalSourceType) };
}

/**
 * Puts the stored provenance together; null when there is nothing to store (no rights, no digital source
 * type, no C2PA manifest).
 */
export function buildProvenance(parts: {
  rights: ProvenanceRights;
  digitalSourceType?: string;
  c2pa?: C2paInfo;
}): FileProvenance | null {
  const { rights, digitalSourceType, c2pa } = parts;
  if (Object.keys(rights).length === 0 && !digitalSourceType && !c2pa) return null;
  const aiGenerated =
    isAiSourceType(digitalSourceType) ||
    Boolean(c2pa?.actions.some((action) => isAiSourceType(action.digitalSourceType)));
  return compact<FileProvenance>({ version: 1, rights, digitalSourceType, aiGenerated, c2pa });
}

const XMP_NAMESPACES = ['dc', 'photoshop', 'xmpRights', 'plus', 'Iptc4xmpExt'];

/** exifr's XMP segment parser (exported by exifr as `segmentParsers`), for XMP that sharp found in WebP/PNG/AVIF. */
const xmpParser = () =>
  exifr.segmentParsers.get('xmp') as
    | { parse: (xmp: string) => Record<string, unknown> }
    | undefined;

const pickNamespaces = (parsed: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    XMP_NAMESPACES.filter((prefix) => typeof parsed?.[prefix] === 'object').map((prefix) => [
      prefix,
      parsed![prefix],
    ])
  ) as MetadataBlocks['xmp'];

/** EXIF as sharp returns it starts with the APP1 "Exif\0\0" header; exifr wants the TIFF structure after it. */
const tiffOf = (exif: Buffer) =>
  exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;

/**
 * Reads the XMP, IPTC-IIM and EXIF IFD0 blocks of an image without decoding its pixels. exifr parses JPEG
 * and TIFF (including IPTC-IIM) straight from the bytes; for WebP, PNG and AVIF, whose containers exifr
 * does not read, the XMP and EXIF blocks sharp's header read already extracted (`meta`) are parsed
 * instead. A damaged block is logged by the caller and read as absent.
 */
export async function readMetadataBlocks(
  input: Buffer,
  meta: Pick<Metadata, 'format' | 'xmp' | 'exif'>
): Promise<MetadataBlocks> {
  const blocks: MetadataBlocks = {};
  if (meta.format === 'jpeg' || meta.format === 'tiff') {
    const parsed = (await exifr.parse(input, {
      xmp: true,
      iptc: true,
      tiff: true,
      ifd0: true,
      exif: false,
      gps: false,
      interop: false,
      ifd1: false,
      icc: false,
      jfif: false,
      ihdr: false,
      mergeOutput: false,
      multiSegment: true,
    } as never)) as Record<string, Record<string, unknown>> | undefined;
    blocks.xmp = pickNamespaces(parsed);
    blocks.iptc = parsed?.iptc;
    blocks.ifd0 = parsed?.ifd0;
    return blocks;
  }
  if (meta.xmp) blocks.xmp = pickNamespaces(xmpParser()?.parse(meta.xmp.toString('utf8')));
  if (meta.exif) {
    const parsed = (await exifr.parse(tiffOf(meta.exif), {
      ifd0: true,
      exif: false,
      gps: false,
      mergeOutput: false,
    } as never)) as Record<string, Record<string, unknown>> | undefined;
    blocks.ifd0 = parsed?.ifd0;
  }
  return blocks;
}

export interface ReadProvenanceOptions {
  /** sharp's header read of `input`, when the caller already has it (saves a second header parse). */
  meta?: Metadata;
  /** Reads the C2PA manifest store; left out, C2PA is not looked at. */
  readC2pa?: (input: Buffer, format: string | undefined) => Promise<C2paInfo | undefined>;
  /** Where a damaged metadata block is reported (it is then read as absent). */
  onWarning?: (message: string) => void;
}

/**
 * Reads an image's rights, digital source type and C2PA Content Credentials from its bytes, without
 * decoding pixels. Null when the image carries none of them, or is not an image sharp can read.
 */
export async function readProvenance(
  sharp: Sharp,
  input: Buffer,
  options: ReadProvenanceOptions = {}
): Promise<FileProvenance | null> {
  let meta = options.meta;
  if (!meta) {
    try {
      meta = await sharp(input, { limitInputPixels: false }).metadata();
    } catch {
      return null;
    }
  }
  let blocks: MetadataBlocks = {};
  try {
    blocks = await readMetadataBlocks(input, meta);
  } catch (error) {
    options.onWarning?.(`unreadable XMP/IPTC/EXIF metadata (${errorMessage(error)})`);
  }
  let c2pa: C2paInfo | undefined;
  if (options.readC2pa) {
    try {
      c2pa = await options.readC2pa(input, meta.format);
    } catch (error) {
      options.onWarning?.(`unreadable C2PA manifest (${errorMessage(error)})`);
    }
  }
  return buildProvenance({ ...rightsFromBlocks(blocks), c2pa });
}
