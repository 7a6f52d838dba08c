import { randomBytes } from 'node:crypto';
import { grantPublicReadAccess } from '../../src/bootstrap/public-permissions';
import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
} from '../helpers/engagement-fixtures';
import { type TestApp, useSharedApp, useTestApp } from '../helpers/strapi';

/**
 * The reading routes (stats, popular) follow the content API's permissions: granted to the Public role at
 * startup unless PUBLIC_READ_ACCESS=false, and never showing a type the requester cannot `find`. Counting
 * stays open either way.
 */
const popularPath = '/api/engagement/article/popular?period=all';
const statsPath = (documentId: string) => `/api/engagement/article/${documentId}`;

const publicPermissions = async (app: TestApp, actions: string[]) => {
  const role = (await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } })) as { id: number };
  return {
    role: role.id,
    permissions: (await app.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { role: role.id, action: { $in: actions } } })) as Array<{
      id: number;
      action: string;
    }>,
  };
};

describe('with public read access (the default)', () => {
  // the shared app: popular is checked for this block's own articles (titles carry its key K), and the
  // Public role's article reads it takes away are given back before the test ends
  const app = useSharedApp();
  const K = randomBytes(3).toString('hex');

  it('grants the reading routes to the Public role', async () => {
    const { permissions } = await publicPermissions(app(), [
      'plugin::engagement.engagement.stats',
      'plugin::engagement.engagement.popular',
    ]);
    expect(permissions.map((permission) => permission.action).sort()).toEqual([
      'plugin::engagement.engagement.popular',
      'plugin::engagement.engagement.stats',
    ]);
  });

  it('lists only published documents of a type the Public role may find; 403 once it may not', async () => {
    const published = await createArticle(app().strapi, `Public and popular ${K}`);
    const later = await createArticle(app().strapi, `Unpublished later ${K}`);
    const draft = await createArticle(app().strapi, `Only a draft ${K}`, 'draft');
    const ours = [published, later, draft].map((doc) => doc.documentId);
    for (const doc of [published, later]) await postView(app(), doc.documentId, browserUA());
    // counts of a draft-only document (carried over by an admin) never show publicly
    await app()
      .strapi.plugin('engagement')
      .service('stats')
      .set('api::article.article', draft.documentId, { views: 999 });
    await app()
      .strapi.documents('api::article.article')
      .unpublish({ documentId: later.documentId });
    await flush(app().strapi);

    // the whole ranking, other files' articles too: of this block's three, only the published one
    const listed = await app().http().get(`${popularPath}&limit=100`);
    expect(listed.status).toBe(200);
    expect(
      listed.body.data
        .map((entry: { documentId: string }) => entry.documentId)
        .filter((documentId: string) => ours.includes(documentId))
    ).toEqual([published.documentId]);
    expect((await app().http().get(statsPath(published.documentId))).status).toBe(200);

    // an admin takes "find"/"findOne" on articles away from the Public role
    const articleReads = ['api::article.article.find', 'api::article.article.findOne'];
    const { permissions } = await publicPermissions(app(), articleReads);
    expect(permissions).toHaveLength(2);
    try {
      for (const permission of permissions)
        await app()
          .strapi.db.query('plugin::users-permissions.permission')
          .delete({ where: { id: permission.id } });
      const popular = await app().http().get(popularPath);
      expect(popular.status).toBe(403);
      expect(JSON.stringify(popular.body)).not.toContain(`Public and popular ${K}`);
      expect((await app().http().get(statsPath(published.documentId))).status).toBe(403);
      // an API token that may read articles still can
      const token = await app().token();
      expect(
        (await app().http().get(popularPath).set('Authorization', `Bearer ${token}`)).status
      ).toBe(200);
      // counting stays open
      expect((await postView(app(), published.documentId, browserUA())).body.data.counted).toBe(
        true
      );
    } finally {
      // the shared app's Public role reads articles again, as every other file expects
      await grantPublicReadAccess(app().strapi, articleReads);
    }
  });
});

describe('with PUBLIC_READ_ACCESS=false', () => {
  const app = useTestApp({ ...ENGAGEMENT_TEST_ENV, PUBLIC_READ_ACCESS: 'false' });

  it('closes popular and stats to the public; counting and the share redirect stay open', async () => {
    const doc = await createArticle(app().strapi, 'Private figures');
    const { permissions } = await publicPermissions(app(), [
      'plugin::engagement.engagement.stats',
      'plugin::engagement.engagement.popular',
    ]);
    expect(permissions).toEqual([]);
    for (const path of [popularPath, statsPath(doc.documentId)]) {
      const res = await app().http().get(path);
      expect([401, 403]).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain('Private figures');
    }
    expect((await postView(app(), doc.documentId, browserUA())).body.data).toEqual({
      counted: true,
    });
    const share = await app()
      .http()
      .post(`/api/engagement/article/${doc.documentId}/share`)
      .set('User-Agent', browserUA())
      .send({ network: 'x' });
    expect(share.body.data).toEqual({ counted: true });
    expect(
      (
        await app()
          .http()
          .get(`/api/engagement/share/x/article/${doc.documentId}`)
          .set('User-Agent', browserUA())
      ).status
    ).toBe(302);
    const token = await app().token();
    const stats = await app()
      .http()
      .get(statsPath(doc.documentId))
      .set('Authorization', `Bearer ${token}`);
    expect(stats.status).toBe(200);
    expect([stats.body.data.views, stats.body.data.shares.total]).toEqual([1, 2]);
  });
});
