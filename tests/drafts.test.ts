import { randomBytes } from 'node:crypto';
import { grantPublicReadAccess } from '../src/bootstrap/public-permissions';
import { adminAuth } from './helpers/admin-api';
import { documentsOf, type Doc } from './helpers/content';
import { type TestApp, useSharedApp } from './helpers/strapi';

/**
 * Drafts are private: anonymous visitors and roles or tokens without the "read drafts" permission never
 * receive draft content, over any route; preview credentials and the Content Manager still read drafts.
 * Every draft-only text carries this file's marker SECRET-<K> so a leak anywhere in a response body is
 * caught. On the shared app: every name carries the file's key K, and every list read is filtered to
 * this file's documents the way a frontend would.
 */
const testApp = useSharedApp();
/** This file's key: in every title, tag name, credit and file name it makes. */
const K = randomBytes(3).toString('hex');
const SECRET = `SECRET-${K}`;
const TITLE = `Public story ${K}`;
const EDITED = `Public story ${K} ${SECRET}-EDIT`;
const DRAFT = `Embargoed ${K} ${SECRET}-DRAFT`;
const TAG_NAME = `Embargo ${K}`;
const CREATOR = `Jane Doe ${K}`;
let app: TestApp;
let admin: { Authorization: string };
let published: Doc;
let embargoed: Doc;
let tag: Doc;
let credit: Doc;

const READ_DRAFTS = 'api::preview.preview.readDrafts';
const ARTICLE_READ = ['api::article.article.find', 'api::article.article.findOne'];
const TAG_READ = ['api::tag.tag.find', 'api::tag.tag.findOne'];

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const leaks = (res: { text: string }) => res.text.includes(SECRET);
/** A query-string value, encoded. */
const q = encodeURIComponent;
/** Filters that keep a list to this file's articles, tag and credit. */
const OWN_ARTICLES = `filters[title][$contains]=${K}`;
const ownTag = () => `filters[slug][$eq]=${tag.slug}`;
const ownCredit = () => `filters[documentId][$eq]=${credit.documentId}`;

/** Creates an API token the way Settings → API Tokens does, returning its access key. */
async function apiToken(type: 'custom' | 'read-only', permissions?: string[]): Promise<string> {
  const res = await app
    .http()
    .post('/admin/api-tokens')
    .set(admin)
    .send({
      name: `preview-${randomBytes(4).toString('hex')}`,
      type,
      lifespan: null,
      ...(permissions ? { permissions } : {}),
    });
  if (res.status !== 201) throw new Error(`api-tokens answered ${res.status}: ${res.text}`);
  return res.body.data.accessKey as string;
}

/** Creates a users-permissions role the way Settings → Users & Permissions → Roles does. */
async function role(name: string, actions: string[]): Promise<number> {
  const permissions: Record<
    string,
    { controllers: Record<string, Record<string, { enabled: boolean }>> }
  > = {};
  for (const action of actions) {
    const [api, controller, name] = [
      action.slice(0, action.indexOf('.')),
      ...action.slice(action.indexOf('.') + 1).split('.'),
    ];
    permissions[api] ??= { controllers: {} };
    permissions[api].controllers[controller] ??= {};
    permissions[api].controllers[controller][name] = { enabled: true };
  }
  const res = await app
    .http()
    .post('/users-permissions/roles')
    .set(admin)
    .send({ name, description: name, permissions });
  if (res.status !== 200) throw new Error(`roles answered ${res.status}: ${res.text}`);
  const created = (await app.strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { name } })) as { id: number };
  return created.id;
}

/** A confirmed users-permissions user in this role, logged in over /api/auth/local; returns the JWT. */
async function userJwt(roleId: number): Promise<string> {
  const username = `reader-${randomBytes(4).toString('hex')}`;
  const password = 'Reader-Passw0rd!';
  await app.strapi
    .plugin('users-permissions')
    .service('user')
    .add({
      username,
      email: `${username}@example.com`,
      password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: roleId,
    });
  const res = await app.http().post('/api/auth/local').send({ identifier: username, password });
  if (res.status !== 200) throw new Error(`auth/local answered ${res.status}: ${res.text}`);
  return res.body.jwt as string;
}

beforeAll(async () => {
  app = testApp();
  admin = await adminAuth(app);
  const articles = documentsOf(app, 'api::article.article');
  tag = await documentsOf(app, 'api::tag.tag').create({ data: { name: TAG_NAME } });
  credit = await documentsOf(app, 'api::image-credit.image-credit').create({
    data: { creator: CREATOR, license: 'cc0' },
  });
  published = await articles.create({
    status: 'published',
    data: { title: TITLE, tags: [tag.documentId], coverCredit: credit.documentId },
  });
  // a newer, unpublished edit of the published article
  await articles.update({
    documentId: published.documentId,
    data: { title: EDITED },
  });
  embargoed = await articles.create({
    data: {
      title: DRAFT,
      tags: [tag.documentId],
      coverCredit: credit.documentId,
    },
  });
});

describe('without credentials', () => {
  const draftRequests = () => [
    '/api/articles?status=draft',
    `/api/articles/${embargoed.documentId}?status=draft`,
    `/api/articles/${published.documentId}?status=draft`,
    `/api/articles/by-slug/${embargoed.slug}?status=draft`,
    '/api/tags?status=draft&populate=articles',
    `/api/tags/${tag.documentId}?status=draft&populate=articles`,
    `/api/tags/by-slug/${tag.slug}/articles?status=draft`,
    '/api/image-credits?status=draft&populate=articles',
    `/api/image-credits/${credit.documentId}?status=draft&populate[articles][populate]=tags`,
    '/api/articles?publicationFilter=never-published',
    '/api/articles?publicationFilter=modified',
    '/api/articles?hasPublishedVersion=false',
  ];

  it('answers 403 with a message to every draft request, leaking nothing', async () => {
    for (const path of draftRequests()) {
      const res = await app.http().get(path);
      expect({ path, status: res.status, leaks: leaks(res) }).toEqual({
        path,
        status: 403,
        leaks: false,
      });
      expect({ path, message: res.body.error.message }).toEqual({
        path,
        message: expect.stringMatching(/Reading drafts .* needs an API token/),
      });
    }
  });

  it('refuses a status inside populate and Strapi 4 publicationState as unknown parameters', async () => {
    for (const path of [
      '/api/articles?publicationState=preview',
      '/api/tags?populate[articles][status]=draft',
    ]) {
      const res = await app.http().get(path);
      expect({ path, status: res.status, leaks: leaks(res) }).toEqual({
        path,
        status: 400,
        leaks: false,
      });
    }
  });

  it('leaks nothing through other draft tricks', async () => {
    for (const path of [
      `/api/tags?populate[articles][filters][publishedAt][$null]=true&${ownTag()}`,
      `/api/articles?filters[publishedAt][$null]=true&${OWN_ARTICLES}`,
      `/api/articles/${embargoed.documentId}`,
      `/api/articles/by-slug/${embargoed.slug}`,
    ]) {
      const res = await app.http().get(path);
      expect({ path, leaks: leaks(res), ok: res.status < 500 }).toEqual({
        path,
        leaks: false,
        ok: true,
      });
    }
  });

  it('matches relation filters against published rows only, so they cannot spell out a draft', async () => {
    const count = async (path: string) => {
      const res = await app.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      return res.body.data.length as number;
    };
    expect(await count(`/api/tags?filters[articles][title][$contains]=${SECRET}`)).toBe(0);
    expect(
      await count(
        `/api/tags?filters[$or][0][articles][title][$startsWith]=${q(`Embargoed ${K}`)}&filters[$or][1][name]=nope`
      )
    ).toBe(0);
    expect(await count(`/api/image-credits?filters[articles][title][$contains]=${SECRET}`)).toBe(0);
    expect(await count(`/api/tags?filters[articles][title][$contains]=${q(TITLE)}`)).toBe(1);
    expect(await count(`/api/articles?filters[tags][articles][title][$contains]=${SECRET}`)).toBe(
      0
    );

    const populated = await app
      .http()
      .get(
        `/api/articles?populate[tags][filters][articles][title][$contains]=${SECRET}&filters[documentId][$eq]=${published.documentId}`
      );
    expect(populated.body.data).toHaveLength(1);
    expect(populated.body.data[0].tags).toEqual([]);

    const sorted = await app.http().get('/api/tags?sort=articles.title:asc');
    expect(sorted.status).toBe(400);
    expect(sorted.body.error.message).toMatch(
      /Sorting through "articles" would order by draft content/
    );

    // preview credentials filter over drafts, as Strapi does
    const token = bearer(await app.token());
    expect(
      (await app.http().get(`/api/tags?filters[articles][title][$contains]=${SECRET}`).set(token))
        .body.data
    ).toHaveLength(1);
    expect((await app.http().get('/api/tags?sort=articles.title:asc').set(token)).status).toBe(200);
  });

  it('reads published content only, populated relations included', async () => {
    const list = await app.http().get(`/api/articles?${OWN_ARTICLES}`);
    expect(list.status).toBe(200);
    expect(list.body.data.map((article: Doc) => article.title)).toEqual([TITLE]);

    for (const path of [
      `/api/tags?populate=articles&${ownTag()}`,
      `/api/image-credits?populate[articles][populate]=tags&${ownCredit()}`,
      `/api/tags/by-slug/${tag.slug}/articles`,
    ]) {
      const res = await app.http().get(path);
      expect({ path, status: res.status, leaks: leaks(res) }).toEqual({
        path,
        status: 200,
        leaks: false,
      });
    }
    const tags = await app.http().get(`/api/tags?populate=articles&${ownTag()}`);
    expect(tags.body.data).toHaveLength(1);
    expect(tags.body.data[0].articles.map((article: Doc) => article.title)).toEqual([TITLE]);
    expect(tags.body.data[0].articleCount).toBe(1);
    const counted = await app.http().get(`/api/tags?populate[articles][count]=true&${ownTag()}`);
    expect(counted.status).toBe(200);
    expect(counted.body.data).toHaveLength(1);
    expect(counted.body.data[0].articles).toEqual({ count: 1 });
  });
});

describe('preview credentials', () => {
  const readsDrafts = async (headers: Record<string, string>) => {
    const res = await app
      .http()
      .get(`/api/articles?status=draft&sort=title&${OWN_ARTICLES}`)
      .set(headers);
    expect(res.status).toBe(200);
    expect(res.body.data.map((article: Doc) => article.title)).toEqual([DRAFT, EDITED]);
  };
  const refused = async (headers: Record<string, string>) => {
    const res = await app.http().get('/api/articles?status=draft').set(headers);
    expect(res.status).toBe(403);
    expect(leaks(res)).toBe(false);
    // the same credentials still read published content
    expect((await app.http().get('/api/articles').set(headers)).status).toBe(200);
  };

  it('lists "readDrafts" in the API token and role permission pickers', async () => {
    const tokenPicker = await app.http().get('/admin/content-api/permissions').set(admin);
    expect(tokenPicker.status).toBe(200);
    expect(tokenPicker.body.data['api::preview'].controllers.preview).toEqual(['readDrafts']);
    const rolePicker = await app.http().get('/users-permissions/permissions').set(admin);
    expect(rolePicker.status).toBe(200);
    expect(rolePicker.body.permissions['api::preview'].controllers.preview).toHaveProperty(
      'readDrafts'
    );
  });

  it('lets a full-access token read drafts, populated relations included', async () => {
    const token = bearer(await app.token());
    await readsDrafts(token);
    const tags = await app
      .http()
      .get(`/api/tags?status=draft&populate=articles&${ownTag()}`)
      .set(token);
    expect(tags.status).toBe(200);
    expect(tags.body.data).toHaveLength(1);
    expect(tags.body.data[0].articles.map((article: Doc) => article.title).sort()).toEqual([
      DRAFT,
      EDITED,
    ]);
    const one = await app
      .http()
      .get(`/api/articles/${embargoed.documentId}?status=draft`)
      .set(token);
    expect(one.body.data.title).toBe(DRAFT);
  });

  it('lets a custom token read drafts only with the "readDrafts" permission', async () => {
    await readsDrafts(bearer(await apiToken('custom', [...ARTICLE_READ, READ_DRAFTS])));
    await refused(bearer(await apiToken('custom', ARTICLE_READ)));
  });

  it('keeps drafts from read-only tokens', async () => {
    await refused(bearer(await apiToken('read-only')));
  });

  it('lets a users-permissions role read drafts only when granted "readDrafts"', async () => {
    await readsDrafts(
      bearer(
        await userJwt(await role(`Previewers ${K}`, [...ARTICLE_READ, ...TAG_READ, READ_DRAFTS]))
      )
    );
    await refused(
      bearer(await userJwt(await role(`Readers ${K}`, [...ARTICLE_READ, ...TAG_READ])))
    );
  });

  it('previews an article page by slug: the draft with ?status=draft, the published version without', async () => {
    // tag and credit reads too: Strapi's output sanitizer drops relations the token may not read
    const token = bearer(
      await apiToken('custom', [
        'api::article.article.findBySlug',
        ...TAG_READ,
        'api::image-credit.image-credit.find',
        READ_DRAFTS,
      ])
    );
    const draft = await app
      .http()
      .get(`/api/articles/by-slug/${embargoed.slug}?status=draft`)
      .set(token);
    expect(draft.status).toBe(200);
    expect(draft.body.data).toMatchObject({
      title: DRAFT,
      tags: [{ name: TAG_NAME }],
      coverCredit: { creator: CREATOR },
    });
    expect(
      (await app.http().get(`/api/articles/by-slug/${embargoed.slug}`).set(token)).status
    ).toBe(404);
    const edit = await app
      .http()
      .get(`/api/articles/by-slug/${published.slug}?status=draft`)
      .set(token);
    expect(edit.body.data.title).toBe(EDITED);
    expect(
      (await app.http().get(`/api/articles/by-slug/${published.slug}`).set(token)).body.data.title
    ).toBe(TITLE);
    const bad = await app
      .http()
      .get(`/api/articles/by-slug/${published.slug}?status=latest`)
      .set(token);
    expect(bad.status).toBe(400);
  });

  it('answers GET /api/preview to preview credentials only', async () => {
    expect((await app.http().get('/api/preview')).status).toBe(403);
    const res = await app
      .http()
      .get('/api/preview')
      .set(bearer(await apiToken('custom', [READ_DRAFTS])));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ readDrafts: true, contentTypes: ['api::article.article'] });
  });
});

describe('admin', () => {
  it('keeps listing and opening drafts in the Content Manager', async () => {
    const list = await app
      .http()
      .get(
        `/content-manager/collection-types/api::article.article?page=1&pageSize=10&sort=title:ASC&filters[$and][0][title][$contains]=${K}`
      )
      .set(admin);
    expect(list.status).toBe(200);
    expect(list.body.results.map((article: Doc) => article.title)).toEqual([DRAFT, EDITED]);
    const one = await app
      .http()
      .get(`/content-manager/collection-types/api::article.article/${embargoed.documentId}`)
      .set(admin);
    expect(one.status).toBe(200);
    expect(one.body.data.title).toBe(DRAFT);
  });
});

describe('reads that bypass the Document Service', () => {
  it('keeps draft articles out of a media file\'s populated "related" (upload plugin)', async () => {
    const granted = await grantPublicReadAccess(app.strapi, [
      'plugin::upload.content-api.find',
      'plugin::upload.content-api.findOne',
    ]);
    try {
      const name = `cover-${K}.jpg`;
      const file = (await app.strapi.db.query('plugin::upload.file').create({
        data: {
          name,
          hash: `cover_${randomBytes(4).toString('hex')}`,
          ext: '.jpg',
          mime: 'image/jpeg',
          size: 1,
          url: `/uploads/${name}`,
          provider: 'local',
        },
      })) as { id: number };
      await documentsOf(app, 'api::article.article').update({
        documentId: embargoed.documentId,
        data: { cover: file.id },
      });

      const ownFile = `filters[name][$eq]=${name}`;
      for (const path of [
        `/api/upload/files?populate=related&${ownFile}`,
        `/api/upload/files/${file.id}?populate=related`,
        `/api/upload/files?populate=*&${ownFile}`,
      ]) {
        const res = await app.http().get(path);
        expect({ path, status: res.status, leaks: leaks(res) }).toEqual({
          path,
          status: 200,
          leaks: false,
        });
      }
      const draft = await app
        .http()
        .get(`/api/upload/files?status=draft&populate=related&${ownFile}`);
      expect({ status: draft.status, leaks: leaks(draft) }).toEqual({ status: 403, leaks: false });

      // the same filtered read with credentials shows the draft: the filter does reach the file
      const token = await app
        .http()
        .get(`/api/upload/files?populate=related&${ownFile}`)
        .set(bearer(await app.token()));
      expect(leaks(token)).toBe(true);
    } finally {
      // the shared app's Public role goes back to what it was
      const publicRole = (await app.strapi.db
        .query('plugin::users-permissions.role')
        .findOne({ where: { type: 'public' } })) as { id: number };
      await app.strapi.db
        .query('plugin::users-permissions.permission')
        .deleteMany({ where: { role: publicRole.id, action: { $in: granted } } });
    }
  });
});
