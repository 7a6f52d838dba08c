import { grantPublicReadAccess, PUBLIC_READ_ACTIONS } from '../src/bootstrap/public-permissions';
import { useSharedApp, useTestApp } from './helpers/strapi';

describe('public read access (default on)', () => {
  const app = useSharedApp();

  it('lets anonymous visitors read all three types', async () => {
    for (const path of ['/api/articles', '/api/tags', '/api/image-credits']) {
      expect((await app().http().get(path)).status).toBe(200);
    }
  });

  it('lets nobody write anonymously', async () => {
    expect(
      (
        await app()
          .http()
          .post('/api/articles')
          .send({ data: { title: 'x' } })
      ).status
    ).toBe(403);
    expect(
      (
        await app()
          .http()
          .post('/api/image-credits')
          .send({ data: { creator: 'x' } })
      ).status
    ).toBe(403);
    expect((await app().http().delete('/api/tags/whatever')).status).toBe(403);
  });

  it('is granted idempotently: a second run adds nothing', async () => {
    // the Public role's: other files on the shared app make roles of their own with these actions
    const permissions = async () => {
      const role = (await app()
        .strapi.db.query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } })) as { id: number };
      return app()
        .strapi.db.query('plugin::users-permissions.permission')
        .count({ where: { role: role.id, action: { $in: [...PUBLIC_READ_ACTIONS] } } });
    };
    const before = await permissions();
    expect(before).toBe(PUBLIC_READ_ACTIONS.length);
    expect(await grantPublicReadAccess(app().strapi)).toEqual([]);
    expect(await permissions()).toBe(before);
  });
});

describe('public read access switched off', () => {
  const app = useTestApp({ PUBLIC_READ_ACCESS: 'false' });

  it('keeps the content private', async () => {
    expect((await app().http().get('/api/articles')).status).toBe(403);
    expect((await app().http().get('/api/articles/by-slug/anything')).status).toBe(403);
  });
});

describe('admin edit view', () => {
  const app = useSharedApp();

  it('shows reading time as read-only and explains the computed fields', async () => {
    const contentTypes = app().strapi.plugin('content-manager').service('content-types');
    const configuration = await contentTypes.findConfiguration(
      app().strapi.contentType('api::article.article')
    );
    expect(configuration.metadatas.readingTimeMinutes.edit.editable).toBe(false);
    expect(configuration.metadatas.excerpt.edit.description).toMatch(/Leave empty/);
    const credit = await contentTypes.findConfiguration(
      app().strapi.contentType('api::image-credit.image-credit')
    );
    expect(credit.metadatas.creditLine.edit.description).toMatch(/DALL·E/);
  });
});
