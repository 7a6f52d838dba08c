/** Output formats the plugin can encode. WebP is the default; AVIF is opt-in (slower to encode). */
export const OUTPUT_FORMATS = ['webp', 'avif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Encoder knobs shared by both formats (sharp's `quality` 1-100 and `effort`: webp 0-6, avif 0-9). */
export interface EncoderOptions {
  quality: number;
  effort: number;
}

/** One preset: the box a variant is cropped to fill, plus optional per-preset format and encoder overrides. */
export interface PresetConfig {
  width: number;
  height: number;
  /** Formats for this preset; defaults to the plugin-wide `formats`. */
  formats?: OutputFormat[];
  webp?: Partial<EncoderOptions>;
  avif?: Partial<EncoderOptions>;
  /** The `sizes` hint for this preset's `srcset`; defaults to "(max-width: <width>px) 100vw, <width>px". */
  sizes?: string;
}

export interface ResponsiveConfig {
  /** Make each preset also as a width ladder (same crop, smaller widths) with a ready `srcset`. */
  enabled: boolean;
  /** Ladder widths in pixels; only those smaller than a variant's own width are made (never enlarged). */
  widths: number[];
}

export interface PlaceholderConfig {
  /** Longest side, in pixels, of the tiny image behind the blur placeholder. */
  size: number;
}

export interface ThumbnailsConfig {
  /** Presets by name; set a default preset to `false` to turn it off. */
  presets: Record<string, PresetConfig | false>;
  /** Formats every preset is encoded in unless the preset says otherwise. */
  formats: OutputFormat[];
  webp: EncoderOptions;
  avif: EncoderOptions;
  /** Sources with more pixels than this (width × height of the first frame) get no variants. */
  maxInputPixels: number;
  /** Most sharp operations (decode, encode) the plugin runs at once, across all files. */
  concurrency: number;
  placeholder: PlaceholderConfig;
  responsive: ResponsiveConfig;
}

/** Returns a fresh default config (a function so Strapi's merge never shares nested objects between apps). */
export const defaultConfig = (): ThumbnailsConfig => ({
  presets: {
    card: { width: 640, height: 360 },
    square: { width: 400, height: 400 },
    og: { width: 1200, height: 630 },
  },
  formats: ['webp'],
  webp: { quality: 80, effort: 4 },
  avif: { quality: 50, effort: 4 },
  maxInputPixels: 50_000_000,
  concurrency: 2,
  placeholder: { size: 16 },
  responsive: { enabled: true, widths: [320, 640, 960, 1280, 1920] },
});

const LIMITS = {
  dimension: { min: 1, max: 8192 },
  quality: { min: 1, max: 100 },
  effort: { webp: { min: 0, max: 6 }, avif: { min: 0, max: 9 } },
  concurrency: { min: 1, max: 64 },
  placeholderSize: { min: 4, max: 32 },
  ladderWidth: { min: 16, max: 8192 },
  ladderCount: 12,
  sizesLength: 500,
} as const;

/** Preset names become part of `formats` keys (`<preset>_<format>`), so no underscores and no odd characters. */
export const PRESET_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/** A value as it should read in an error message (NaN stays NaN). */
const show = (value: unknown) =>
  typeof value === 'number' ? String(value) : JSON.stringify(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isIntIn = (value: unknown, { min, max }: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function checkFormats(value: unknown, where: string): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error(
      `${where} must be a non-empty array of ${OUTPUT_FORMATS.map((f) => `"${f}"`).join(' or ')}`
    );
  }
  for (const format of value) {
    if (!OUTPUT_FORMATS.includes(format as OutputFormat)) {
      throw new Error(
        `${where} contains "${String(format)}"; supported formats are ${OUTPUT_FORMATS.join(', ')}`
      );
    }
  }
  if (new Set(value).size !== value.length) throw new Error(`${where} lists a format twice`);
}

function checkEncoder(value: unknown, format: OutputFormat, where: string, partial: boolean): void {
  if (!isPlainObject(value))
    throw new Error(`${where} must be an object like { quality: 80, effort: 4 }`);
  for (const key of Object.keys(value)) {
    if (key !== 'quality' && key !== 'effort')
      throw new Error(`${where}.${key} is not a known option (use quality, effort)`);
  }
  if (!(partial && value.quality === undefined) && !isIntIn(value.quality, LIMITS.quality)) {
    throw new Error(
      `${where}.quality must be an integer from ${LIMITS.quality.min} to ${LIMITS.quality.max}, got ${show(value.quality)}`
    );
  }
  const effort = LIMITS.effort[format];
  if (!(partial && value.effort === undefined) && !isIntIn(value.effort, effort)) {
    throw new Error(
      `${where}.effort must be an integer from ${effort.min} to ${effort.max} for ${format}, got ${show(value.effort)}`
    );
  }
}

function checkResponsive(value: unknown): void {
  if (!isPlainObject(value))
    throw new Error('responsive must be an object like { enabled: true, widths: [320, 640, 960] }');
  for (const key of Object.keys(value)) {
    if (key !== 'enabled' && key !== 'widths')
      throw new Error(`responsive.${key} is not a known option (use enabled, widths)`);
  }
  if (typeof value.enabled !== 'boolean')
    throw new Error(`responsive.enabled must be true or false, got ${show(value.enabled)}`);
  const { widths } = value;
  const { min, max } = LIMITS.ladderWidth;
  if (
    !Array.isArray(widths) ||
    widths.length > LIMITS.ladderCount ||
    !widths.every((width) => isIntIn(width, { min, max }))
  ) {
    throw new Error(
      `responsive.widths must be an array of at most ${LIMITS.ladderCount} integers from ${min} to ${max}, got ${show(widths)}`
    );
  }
  if (new Set(widths).size !== widths.length)
    throw new Error('responsive.widths lists a width twice');
}

/**
 * Validates the merged plugin config at startup. Throws an Error whose message names the offending key
 * (Strapi prefixes it with "Error regarding thumbnails config:").
 */
export function validateConfig(config: unknown): asserts config is ThumbnailsConfig {
  if (!isPlainObject(config)) throw new Error('config must be an object');
  const known = new Set(Object.keys(defaultConfig()));
  for (const key of Object.keys(config)) {
    if (!known.has(key))
      throw new Error(`unknown option "${key}" (known: ${[...known].join(', ')})`);
  }

  checkFormats(config.formats, 'formats');
  checkEncoder(config.webp, 'webp', 'webp', false);
  checkEncoder(config.avif, 'avif', 'avif', false);

  if (!isPlainObject(config.presets))
    throw new Error('presets must be an object of { name: { width, height } }');
  const active = Object.entries(config.presets).filter(([, preset]) => preset !== false);
  if (active.length === 0) throw new Error('presets must keep at least one preset enabled');
  for (const [name, preset] of active) {
    const where = `presets.${name}`;
    if (!PRESET_NAME.test(name)) {
      throw new Error(
        `${where}: a preset name must start with a letter and use only letters, digits and "-" (it becomes a formats key)`
      );
    }
    if (!isPlainObject(preset)) throw new Error(`${where} must be { width, height } or false`);
    for (const key of Object.keys(preset)) {
      if (!['width', 'height', 'formats', 'webp', 'avif', 'sizes'].includes(key)) {
        throw new Error(
          `${where}.${key} is not a known option (use width, height, formats, webp, avif, sizes)`
        );
      }
    }
    for (const side of ['width', 'height'] as const) {
      if (!isIntIn(preset[side], LIMITS.dimension)) {
        throw new Error(
          `${where}.${side} must be an integer from ${LIMITS.dimension.min} to ${LIMITS.dimension.max}, got ${show(preset[side])}`
        );
      }
    }
    if (preset.formats !== undefined) checkFormats(preset.formats, `${where}.formats`);
    if (preset.webp !== undefined) checkEncoder(preset.webp, 'webp', `${where}.webp`, true);
    if (preset.avif !== undefined) checkEncoder(preset.avif, 'avif', `${where}.avif`, true);
    if (
      preset.sizes !== undefined &&
      (typeof preset.sizes !== 'string' ||
        !preset.sizes.trim() ||
        preset.sizes.length > LIMITS.sizesLength)
    ) {
      throw new Error(
        `${where}.sizes must be a non-empty string of at most ${LIMITS.sizesLength} characters (an HTML sizes attribute)`
      );
    }
  }
  checkResponsive(config.responsive);

  if (!isIntIn(config.maxInputPixels, { min: 1, max: Number.MAX_SAFE_INTEGER })) {
    throw new Error(
      `maxInputPixels must be a positive integer (pixels, e.g. 50000000), got ${show(config.maxInputPixels)}`
    );
  }
  if (!isIntIn(config.concurrency, LIMITS.concurrency)) {
    throw new Error(
      `concurrency must be an integer from ${LIMITS.concurrency.min} to ${LIMITS.concurrency.max}, got ${show(config.concurrency)}`
    );
  }
  if (
    !isPlainObject(config.placeholder) ||
    !isIntIn(config.placeholder.size, LIMITS.placeholderSize)
  ) {
    throw new Error(
      `placeholder.size must be an integer from ${LIMITS.placeholderSize.min} to ${LIMITS.placeholderSize.max}`
    );
  }
}

/** One encoded output of a preset, with its `formats` key. */
export interface ResolvedOutput {
  key: string;
  format: OutputFormat;
  quality: number;
  effort: number;
}

export interface ResolvedPreset {
  name: string;
  width: number;
  height: number;
  outputs: ResolvedOutput[];
  /** Ladder widths, ascending (empty when responsive widths are off); each smaller than the variant is made. */
  ladder: number[];
  /** The `sizes` hint published with the preset's `srcset`. */
  sizes: string;
}

/** The `formats` key of a variant: `<preset>_<format>`, e.g. `og_webp`. Never equal to Strapi's own keys. */
export const formatKey = (preset: string, format: OutputFormat): string => `${preset}_${format}`;

/** The `formats` key of a ladder rung: `<preset>_<format>_<width>w`, e.g. `og_webp_640w`. */
export const ladderKey = (outputKey: string, width: number): string => `${outputKey}_${width}w`;

/** Flattens a validated config into the list of presets with their outputs and final encoder options. */
export function resolvePresets(config: ThumbnailsConfig): ResolvedPreset[] {
  return Object.entries(config.presets)
    .filter((entry): entry is [string, PresetConfig] => entry[1] !== false)
    .map(([name, preset]) => ({
      name,
      width: preset.width,
      height: preset.height,
      outputs: (preset.formats ?? config.formats).map((format) => ({
        key: formatKey(name, format),
        format,
        ...config[format],
        ...preset[format],
      })),
      ladder: config.responsive.enabled ? [...config.responsive.widths].sort((a, b) => a - b) : [],
      sizes: preset.sizes ?? `(max-width: ${preset.width}px) 100vw, ${preset.width}px`,
    }));
}

export default {
  default: defaultConfig,
  validator: validateConfig,
};
