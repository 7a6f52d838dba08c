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
 * keys it writes (beside Strapi's own), `placeholder` and `dominantColor`, on `plugin::upload.file`
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
});

/**
 * `formats` of a file: Strapi's keys and this plugin's `<preset>_<format>` keys, each optional (a small
 * image gets no larger breakpoint; a non-image gets none and `formats` is null).
 */
export function formatsSchema(strapiKeys: readonly string[], pluginKeys: readonly string[]): Schema {
  const shape: Record<string, Schema> = {};
  for (const key of strapiKeys) shape[key] = formatEntry.optional().describe('Written by the upload plugin');
  for (const key of pluginKeys) shape[key] = formatEntry.optional().describe('Written by the thumbnails plugin');
  return z.object(shape).catchall(formatEntry).nullable().describe('Resized variants of an image, by name');
}

/** The fields the plugin documents on every file. */
export function fileFields(strapi: Core.Strapi): z.ZodRawShape {
  return {
    formats: formatsSchema(strapiFormatKeys(strapi), expectedKeys(resolvePresets(getConfig(strapi)))),
    placeholder: z.string().nullable().describe('A tiny blurred WebP as a data URI (≤ 1 KB), for a blur-up placeholder'),
    dominantColor: z.string().nullable().describe('The dominant colour as #rrggbb'),
  };
}

const kind = (schema: Schema): string => (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type;

/** Whether a Zod object looks like an upload file (Strapi's file schemas all have hash, mime and url). */
const isFileObject = (schema: z.ZodObject): boolean => ['hash', 'mime', 'url'].every((key) => key in schema.shape);

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
      return z.union((schema as z.ZodUnion<Schema[]>).options.map((option) => withFileFields(option, fields)) as [Schema, Schema, ...Schema[]]);
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
    z.lazy(() => (factories.createCoreValidator(FILE_UID, strapi).document as z.ZodObject).extend(fileFields(strapi)))
  );
}

/** At bootstrap, once the routes exist: documents the fields on the upload plugin's own content-API routes. */
export function documentUploadRoutes(strapi: Core.Strapi): void {
  const upload = strapi.plugin('upload') as unknown as { routes: Record<string, { type?: string; routes: Array<{ response?: Schema }> }> } | undefined;
  if (!upload) return;
  const fields = fileFields(strapi);
  for (const router of Object.values(upload.routes)) {
    if (router.type !== 'content-api') continue;
    for (const route of router.routes) if (route.response) route.response = withFileFields(route.response, fields);
  }
}
