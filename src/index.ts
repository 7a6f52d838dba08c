import type { Core } from '@strapi/strapi';
import { applyAdminFieldHints } from './bootstrap/admin-field-hints';
import { grantPublicReadAccess } from './bootstrap/public-permissions';
import { registerDocumentRules } from './document-rules';
import { registerDraftGuard } from './drafts/guard';
import { registerGraphql } from './graphql';
import { seedDemoContent } from './seed';

interface PublishingConfig {
  publicReadAccess: boolean;
  seedDemoContent: boolean;
  publicPopulateMaxDepth: number;
}

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentRules(strapi);
    const { publicPopulateMaxDepth } = strapi.config.get('publishing') as PublishingConfig;
    registerDraftGuard(strapi, { publicPopulateMaxDepth });
    registerGraphql(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = strapi.config.get('publishing') as PublishingConfig;
    await applyAdminFieldHints(strapi);
    if (config.publicReadAccess) {
      const granted = await grantPublicReadAccess(strapi);
      if (granted.length > 0) strapi.log.info(`[publishing] Public role can now read: ${granted.join(', ')}`);
    }

    // Demo content only in development, only into an empty database: a new user sees a populated admin.
    if (config.seedDemoContent && process.env.NODE_ENV !== 'production') {
      const articles = await strapi.db.query('api::article.article').count();
      if (articles === 0) {
        const summary = await seedDemoContent(strapi);
        strapi.log.info(`[publishing] Seeded demo content: ${summary.articles} articles, ${summary.tags} tags, ${summary.credits} credits.`);
      }
    }
  },
};
