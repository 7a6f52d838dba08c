import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  flush,
  postView,
} from '../helpers/engagement-fixtures';
import { type TestApp, useTestApp } from '../helpers/strapi';

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
  // an app of its own: popular lists are compared whole, and the test takes the Public role's reads away
  const app = useTestApp(ENGAGEMENT_TEST_ENV);

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
    const published = await createArticle(app().strapi, 'Public and popular');
    const later = await createArticle(app().strapi, 'Unpublished later');
    const draft = await createArticle(app().strapi, 'Only a draft', 'draft');
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

    const listed = await app().http().get(popularPath);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((entry: { documentId: string }) => entry.documentId)).toEqual([
      published.documentId,
    ]);
    expect((await app().http().get(statsPath(published.documentId))).status).toBe(200);

    // an admin takes "find"/"findOne" on articles away from the Public role
    const { permissions } = await publicPermissions(app(), [
      'api::article.article.find',
      'api::article.article.findOne',
    ]);
    expect(permissions).toHaveLength(2);
    for (const permission of permissions)
      await app()
        .strapi.db.query('plugin::users-permissions.permission')
        .delete({ where: { id: permission.id } });
    const popular = await app().http().get(popularPath);
    expect(popular.status).toBe(403);
    expect(JSON.stringify(popular.body)).not.toContain('Public and popular');
    expect((await app().http().get(statsPath(published.documentId))).status).toBe(403);
    // an API token that may read articles still can
    const token = await app().token();
    expect(
      (await app().http().get(popularPath).set('Authorization', `Bearer ${token}`)).status
    ).toBe(200);
    // counting stays open
    expect((await postView(app(), published.documentId, browserUA())).body.data.counted).toBe(true);
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
