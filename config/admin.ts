import type { Core, UID } from '@strapi/strapi';
import { fillPath, frontendUrls } from '../src/frontend/urls';
import { PREVIEW_LINK_TTL_MS, previewUrl, signPreview } from '../src/frontend/preview-link';

/** The types Preview shows on the frontend, with the path template each one's page has. */
const PREVIEW_TYPES = { 'api::article.article': 'article', 'api::tag.tag': 'tag' } as const;

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  const site = frontendUrls((name) => env(name));
  const previewSecret = env('PREVIEW_SECRET');
  return {
    auth: {
      secret: env('ADMIN_JWT_SECRET')!,
    },
    apiToken: {
      salt: env('API_TOKEN_SALT')!,
    },
    transfer: {
      token: {
        salt: env('TRANSFER_TOKEN_SALT')!,
      },
    },
    secrets: {
      encryptionKey: env('ENCRYPTION_KEY')!,
    },
    // `npm run develop` restarts when a workspace plugin's rebuild lands (scripts/watch-plugins.js), not on
    // the edit of its sources, which would restart on the previous build.
    watchIgnoreFiles: ['**/plugins/*/server/**', '**/plugins/*/admin/**'],
    flags: {
      nps: env.bool('FLAG_NPS', true),
      promoteEE: env.bool('FLAG_PROMOTE_EE', true),
      docLinks: env.bool('FLAG_DOC_LINKS', true),
    },
    // Strapi's Preview ("Open preview" in the Content Manager): the frontend's page for the version being
    // edited, through a signed link that expires (src/frontend/preview-link.ts). Needs FRONTEND_URL and
    // PREVIEW_SECRET (the frontend has the same secret and a read-drafts API token).
    preview: {
      enabled: Boolean(site.siteUrl && previewSecret),
      config: {
        allowedOrigins: site.siteUrl ? [new URL(site.siteUrl).origin] : [],
        async handler(uid: string, { documentId, locale, status }: PreviewTarget) {
          const kind = PREVIEW_TYPES[uid as keyof typeof PREVIEW_TYPES];
          if (!kind || !site.siteUrl || !previewSecret) return null;
          const version = status === 'published' ? 'published' : 'draft';
          const document = (await strapi.documents(uid as UID.ContentType).findOne({
            documentId,
            status: version,
            ...(kind === 'article' && locale ? { locale: locale as never } : {}),
            fields: ['slug'],
          })) as { slug?: string | null } | null;
          const pageLocale =
            locale ??
            ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
          const path = fillPath(site.paths[kind], { locale: pageLocale, slug: document?.slug });
          if (!path) return null;
          const token = signPreview(
            { path, status: version, expires: Date.now() + PREVIEW_LINK_TTL_MS },
            previewSecret
          );
          return previewUrl(site.siteUrl, path, token);
        },
      },
    },
  };
};

/** What Strapi's Preview hands the handler: the document and version being edited. */
interface PreviewTarget {
  documentId: string;
  locale?: string;
  status?: string;
}

export default config;
