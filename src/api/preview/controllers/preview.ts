import type { Core } from '@strapi/strapi';
import { draftAndPublishTypes } from '../../../drafts/read-drafts';

/**
 * The "read drafts" permission's own endpoint. Its action, `api::preview.preview.readDrafts`, is what an
 * admin grants (Settings → Users & Permissions → Roles, or a custom API token) to let a preview frontend
 * read drafts; the endpoint lets that frontend check its credentials before it asks for `status=draft`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/preview: 200 with the draft & publish types these credentials may read drafts of; 403 otherwise. */
  async readDrafts() {
    return { data: { readDrafts: true, contentTypes: draftAndPublishTypes(strapi) } };
  },
});
