import type { Core } from '@strapi/strapi';
import { factories } from '@strapi/strapi';
import { transformUidToValidOpenApiName } from '@strapi/utils';
import * as z from 'zod/v4';
import { strapiFormatKeys } from '../bootstrap';
import { resolvePresets } from '../config';
import { expectedKeys } from '../lib/formats';
import { FILE_UID, getConfig } from '../utils';

/**
 * The thumbnails plugin's part of Strapi's OpenAPI document (`strapi openapi generate`): the `formats`
 * keys it writes (beside Strapi's own, with `srcset`/`sizes`), `placeholder`, `dominantColor` and
 * `provenance`, on `plugin::upload.file`
 * wherever a file appears (a media field of any type, and the upload plugin's own routes).
 */

type Schema = z.ZodType;

/** One entry of `formats`, Strapi's own shape (the plugin writes the same). */
const formatEntry = z.object({
  name: z.string(),
  hash: z.string(),
  ext: z.string(),
  mime: z.string(),
  path: z.string().nullable(),
  width: z.number().int(),
  height: z.number().int(),
  size: z.number().describe('Kilobytes'),
  sizeInBytes: z.number().int().optional(),
  url: z.string(),
  plugin: z.string().optional().describe('"thumbnails" on entries this plugin wrote'),
  preset: z.string().optional().describe('The preset an entry of this plugin was made for'),
  signature: z
    .string()
    .optional()
    .describe(
      'Digest of the settings an entry of this plugin was made with; regenerate remakes entries whose signature is outdated'
    ),
  srcset: z
    .string()
    .optional()
    .describe(
      "On a preset's own entry with width ladders: `url 320w, …, url <width>w`, ready for <img srcset> / <source srcset>"
    ),
  sizes: z.string().optional().describe('The sizes hint to publish with srcset'),
});

const rights = z
  .object({
    creator: z
      .array(z.string())
      .optional()
      .describe('dc:creator, else IPTC By-line, else EXIF Artist'),
    creditLine: z.string().optional().describe('photoshop:Credit, else IPTC Credit'),
    copyrightNotice: z
      .string()
      .optional()
      .describe('dc:rights, else IPTC CopyrightNotice, else EXIF Copyright'),
    webStatement: z.string().optional().describe('xmpRights:WebStatement (a URL)'),
    licensor: z
      .object({ name: z.string().optional(), url: z.string().optional() })
      .optional()
      .describe('plus:Licensor'),
    usageTerms: z.string().optional().describe('xmpRights:UsageTerms'),
  })
  .describe('Rights as the image states them; each field absent when unknown');

const c2paAction = z.object({
  action: z.string(),
  digitalSourceType: z.string().optional(),
  softwareAgent: z.string().optional(),
});

/** `provenance` of a file, as lib/provenance.ts builds it (version 1). */
export const provenanceSchema: Schema = z
  .object({
    version: z.literal(1),
    rights,
    digitalSourceType: z
      .string()
      .optional()
      .describe(
        'IPTC digital source type URI, e.g. http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia'
      ),
    aiGenerated: z
      .boolean()
      .describe(
        "The digital source type, or a C2PA action's, says an AI model made or edited the image"
      ),
    c2pa: z
      .object({
        present: z.literal(true),
        claimGenerator: z.string().optional().describe('e.g. "DALL·E"'),
        actions: z.array(c2paAction),
        validated: z
          .boolean()
          .describe(
            'The claim signature and the data hashes check out against the stored bytes (no trust list: says nothing of who signed)'
          ),
        validationErrors: z.array(z.string()).optional(),
      })
      .optional()
      .describe('Content Credentials, only when the image has a C2PA manifest store'),
  })
  .nullable()
  .describe(
    "The image's rights and AI provenance, read on upload; null when the image says nothing"
  );

/**
 * `formats` of a file: Strapi's keys and this plugin's `<preset>_<format>` keys, each optional (a small
 * image gets no larger breakpoint; a non-image gets none and `formats` is null).
 */
export function formatsSchema(
  strapiKeys: readonly string[],
  pluginKeys: readonly string[]
): Schema {
  const shape: Record<string, Schema> = {};
  for (const key of strapiKeys)
    shape[key] = formatEntry.optional().describe('Written by the upload plugin');
  for (const key of pluginKeys)
    shape[key] = formatEntry.optional().describe('Written by the thumbnails plugin');
  return z
    .object(shape)
    .catchall(formatEntry)
    .nullable()
    .describe('Resized variants of an image, by name');
}

/** The fields the plugin documents on every file. */
export function fileFields(strapi: Core.Strapi): z.ZodRawShape {
  return {
    formats: formatsSchema(
      strapiFormatKeys(strapi),
      expectedKeys(resolvePresets(getConfig(strapi)))
    ),
    placeholder: z
      .string()
      .nullable()
      .describe('A tiny blurred WebP as a data URI (≤ 1 KB), for a blur-up placeholder'),
    dominantColor: z.string().nullable().describe('The dominant colour as #rrggbb'),
    provenance: provenanceSchema,
  };
}

const kind = (schema: Schema): string =>
  (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;

/** Whether a Zod object looks like an upload file (Strapi's file schemas all have hash, mime and url). */
const isFileObject = (schema: z.ZodObject): boolean =>
  ['hash', 'mime', 'url'].every((key) => key in schema.shape);

/**
 * `schema` with `fields` added to every file object in it: a file, a list of files, a union of those, or an
 * object whose `data` holds them (the paginated list). A new schema; anything else is returned as is.
 */
export function withFileFields(schema: Schema, fields: z.ZodRawShape): Schema {
  switch (kind(schema)) {
    case 'lazy':
      return withFileFields((schema as z.ZodLazy).unwrap() as Schema, fields);
    case 'array':
      return z.array(withFileFields((schema as z.ZodArray<Schema>).element, fields));
    case 'union':
      return z.union(
        (schema as z.ZodUnion<Schema[]>).options.map((option) =>
          withFileFields(option, fields)
        ) as [Schema, Schema, ...Schema[]]
      );
    case 'object': {
      const object = schema as z.ZodObject;
      if (isFileObject(object)) return object.extend(fields);
      const data = object.shape.data as Schema | undefined;
      return data ? object.extend({ data: withFileFields(data, fields) }) : schema;
    }
    default:
      return schema;
  }
}

/**
 * At register, before Strapi builds its routes: puts the file document schema (the component every media
 * field refers to) in Strapi's content-API schema store, so Strapi's routes refer to it. It is built when
 * the document is generated, from Strapi's own file schema plus this plugin's fields.
 */
export function registerFileSchema(strapi: Core.Strapi): void {
  const id = transformUidToValidOpenApiName(FILE_UID);
  const store = strapi.contentAPISchemaRegistry;
  if (store.has(id)) return;
  store.set(
    id,
    z.lazy(() =>
      (factories.createCoreValidator(FILE_UID, strapi).document as z.ZodObject).extend(
        fileFields(strapi)
      )
    )
  );
}

/** At bootstrap, once the routes exist: documents the fields on the upload plugin's own content-API routes. */
export function documentUploadRoutes(strapi: Core.Strapi): void {
  const upload = strapi.plugin('upload') as unknown as
    | { routes: Record<string, { type?: string; routes: Array<{ response?: Schema }> }> }
    | undefined;
  if (!upload) return;
  const fields = fileFields(strapi);
  for (const router of Object.values(upload.routes)) {
    if (router.type !== 'content-api') continue;
    for (const route of router.routes)
      if (route.response) route.response = withFileFields(route.response, fields);
  }
}
