import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { registerFileSchema } from './openapi';
import { FILE_UID, getService } from './utils';

/**
 * Fields the plugin adds to `plugin::upload.file`, returned by the upload API like Strapi's own:
 * `placeholder` is a tiny blurred WebP as a data URI (≤ 1 KB), `dominantColor` a `#rrggbb` string,
 * `provenance` the image's rights and AI provenance read on upload (`FileProvenance` in lib/provenance.ts,
 * null when the image carries none), `variantRights` the rights the app set for the variants' XMP with
 * `rewriteRights` (null: taken from `provenance`).
 */
export const FILE_ATTRIBUTES = {
  placeholder: { type: 'text', configurable: false },
  dominantColor: { type: 'string', configurable: false },
  provenance: { type: 'json', configurable: false },
  variantRights: { type: 'json', configurable: false },
} as const;

/**
 * Why in register: attributes must be on the content type before Strapi builds the database schema,
 * which happens between register and bootstrap.
 *
 * Why wrap the upload plugin's services: Strapi's own optimize step decodes an upload before any
 * lifecycle runs, and a broken image makes it throw (a 500). Wrapping `upload`/`replace` checks every file
 * first, for the content API (`POST /api/upload`), the admin (`POST /upload`) and scripts alike.
 *
 * Why a server middleware registered here: registered before the config middlewares (mounted at
 * bootstrap), it runs outside Strapi's body parser, whose temp-file cleanup (5.54) is skipped whenever
 * the request fails; this one removes what a failed upload left in the temp folder.
 */
export default function register({ strapi }: { strapi: Core.Strapi }): void {
  strapi
    .get('content-types')
    .extend(FILE_UID, (contentType: { attributes: Record<string, unknown> }) => {
      Object.assign(contentType.attributes, FILE_ATTRIBUTES);
    });

  const guard = () => getService(strapi, 'upload-guard');
  strapi
    .get('services')
    .extend('plugin::upload.upload', (service: never) => guard().wrapUploadService(service));
  strapi
    .get('services')
    .extend('plugin::upload.image-manipulation', (service: never) =>
      guard().wrapImageManipulation(service)
    );

  strapi.server.use(async (ctx: Context, next: Next) => {
    try {
      await next();
    } finally {
      const { files } = ctx.request as { files?: Record<string, never> };
      if (files) await guard().removeLeftovers(files);
    }
  });

  // The OpenAPI document shows the fields and formats keys the plugin adds to files.
  registerFileSchema(strapi);
}
