import type { Core } from '@strapi/strapi';
import { registerImageCreditAdminRoutes } from './api/image-credit/admin-routes';
import { applyAdminFieldHints } from './bootstrap/admin-field-hints';
import { grantDefaultLocaleToRoles } from './bootstrap/locale-permissions';
import { grantPublicReadAccess } from './bootstrap/public-permissions';
import { ensurePreviewToken } from './bootstrap/preview-token';
import { syncCreditsToVariants } from './credits/credit-variants';
import { migrateCoverCreditsToFiles } from './credits/migrate-cover-credits';
import { registerDocumentRules } from './document-rules';
import { registerDraftGuard } from './drafts/guard';
import { closeResponseCache } from './response-cache';
import { closeReadBudget } from './read-budget';
import { registerRestReadBudget } from './read-budget/rest';
import { registerGraphql } from './graphql';
import { seedDemoContent } from './seed';
import { documentArticleCount } from './openapi/contracts';

interface PublishingConfig {
  publicReadAccess: boolean;
  seedDemoContent: boolean;
  publicPopulateMaxDepth: number;
  requireAiDisclosure: boolean;
}

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentRules(strapi);
    const { publicPopulateMaxDepth } = strapi.config.get('publishing') as PublishingConfig;
    registerDraftGuard(strapi, { publicPopulateMaxDepth });
    // Every content-API read has a cost it cannot exceed (issue 19): after the draft guard, so it sees
    // the published-only populate.
    registerRestReadBudget(strapi);
    registerGraphql(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = strapi.config.get('publishing') as PublishingConfig;
    await applyAdminFieldHints(strapi);
    const repaired = await grantDefaultLocaleToRoles(strapi);
    if (repaired > 0)
      strapi.log.info(
        `[publishing] Gave ${repaired} role permissions on localized types the default locale.`
      );
    // credits follow the image (issue 13): admin routes for credits from file metadata, credits written
    // into the files' variants, one-time migration
    registerImageCreditAdminRoutes(strapi);
    syncCreditsToVariants(strapi);
    await migrateCoverCreditsToFiles(strapi);
    if (config.publicReadAccess) {
      const granted = await grantPublicReadAccess(strapi);
      if (granted.length > 0)
        strapi.log.info(`[publishing] Public role can now read: ${granted.join(', ')}`);
    }

    // Demo content only in development, only into an empty database: a new user sees a populated admin.
    if (config.seedDemoContent && process.env.NODE_ENV !== 'production') {
      const articles = await strapi.db.query('api::article.article').count();
      if (articles === 0) {
        const summary = await seedDemoContent(strapi);
        strapi.log.info(
          `[publishing] Seeded demo content: ${summary.articles} articles, ${summary.tags} tags, ${summary.credits} credits.`
        );
      }
    }

    // `npm run develop`: the frontend's Preview token (its key generated into .env like the secrets), so
    // "Open preview" works on a new clone; production configures its own (README, The reference frontend).
    const previewKey = process.env.PREVIEW_API_TOKEN;
    if (process.env.NODE_ENV === 'development' && previewKey) {
      const done = await ensurePreviewToken(strapi, previewKey);
      if (done !== 'unchanged')
        strapi.log.info(`[publishing] Preview token for the frontend ${done} (PREVIEW_API_TOKEN).`);
    }

    // The OpenAPI document shows the articleCount the tag controller adds.
    documentArticleCount(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeResponseCache(strapi);
    await closeReadBudget(strapi);
  },
};
