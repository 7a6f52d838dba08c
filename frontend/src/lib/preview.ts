/**
 * Signed, expiring preview links: the app signs them (src/frontend/preview-link.ts, used by
 * config/admin.ts for Strapi's Preview) and the page verifies them with the same module, so the two
 * sides cannot drift apart. Both hold `PREVIEW_SECRET`; it never reaches a browser.
 */
export {
  verifyPreview,
  signPreview,
  previewUrl,
  PREVIEW_PATH_PREFIX,
  type PreviewGrant,
  type PreviewStatus,
} from '../../../src/frontend/preview-link';
