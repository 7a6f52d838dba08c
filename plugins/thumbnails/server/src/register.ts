import type { Core } from '@strapi/strapi';
import { FILE_UID } from './utils';

/**
 * Fields the plugin adds to `plugin::upload.file`, returned by the upload API like Strapi's own:
 * `placeholder` is a tiny blurred WebP as a data URI (≤ 1 KB), `dominantColor` a `#rrggbb` string.
 */
export const FILE_ATTRIBUTES = {
  placeholder: { type: 'text', configurable: false },
  dominantColor: { type: 'string', configurable: false },
} as const;

/**
 * Why in register: attributes must be on the content type before Strapi builds the database schema,
 * which happens between register and bootstrap.
 */
export default function register({ strapi }: { strapi: Core.Strapi }): void {
  strapi.get('content-types').extend(FILE_UID, (contentType: { attributes: Record<string, unknown> }) => {
    Object.assign(contentType.attributes, FILE_ATTRIBUTES);
  });
}
