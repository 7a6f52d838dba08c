import { buildDocument, type OpenApiDocument } from '../src/openapi/document';
import { execFileSync } from 'node:child_process';
import { validateDocument } from '../scripts/openapi';
import { ENGAGEMENT_TEST_ENV, browserUA, createArticle } from './helpers/engagement-fixtures';
import { APP_DIR, type TestApp, useTestApp } from './helpers/strapi';
import { removeUploadsAfterAll, uploadFile } from './helpers/thumbnails-upload';
import {
  AI_SOURCE_TYPE,
  imageWithRights,
} from '../plugins/thumbnails/server/src/lib/__tests__/rights-fixtures';

/**
 * The OpenAPI document as a frontend generating its client from it sees it: our routes' parameters and
 * responses, the fields we add, a valid document, and answers of the running app that match it.
 */
// an app of its own: the document is generated from a fresh app (a second generation in one process names schemas differently)
const testApp = useTestApp(ENGAGEMENT_TEST_ENV);
removeUploadsAfterAll();
let app: TestApp;
let document: OpenApiDocument;

type Json = Record<string, any>;
const operation = (path: string, method: string): Json => {
  const item = (document.paths as Json)[path];
  if (!item?.[method]) throw new Error(`No ${method.toUpperCase()} ${path} in the document`);
  return item[method];
};
const parameter = (op: Json, name: string, where: string): Json | undefined =>
  (op.parameters as Json[]).find((p) => p.name === name && p.in === where);
const schemaOf = (op: Json, status: number | string): Json =>
  op.responses[String(status)]?.content?.['application/json']?.schema;
const component = (ref: string): Json =>
  (document.components as Json).schemas[ref.replace('#/components/schemas/', '')];
/** A schema with `$ref`s to components followed. */
const resolve = (schema: Json): Json => (schema?.$ref ? resolve(component(schema.$ref)) : schema);
const dataEntry = (op: Json): Json => {
  const data = resolve(schemaOf(op, 200).properties.data);
  return data.type === 'array' ? resolve(data.items) : data;
};

beforeAll(() => {
  app = testApp();
  document = buildDocument(app.strapi);
});

describe('the custom routes', () => {
  it('by-slug declares its slug, status and locale, and answers an article with engagement, or 404', () => {
    const op = operation('/articles/by-slug/{slug}', 'get');
    expect(parameter(op, 'slug', 'path')).toMatchObject({
      required: true,
      schema: { type: 'string' },
    });
    expect(parameter(op, 'status', 'query')?.schema.enum).toEqual(['published', 'draft']);
    expect(parameter(op, 'locale', 'query')).toMatchObject({ required: false });
    const article = dataEntry(op);
    expect(article.properties).toEqual(
      expect.objectContaining({
        title: expect.anything(),
        slug: expect.anything(),
        cover: expect.anything(),
        tags: expect.anything(),
      })
    );
    expect(article.required).toContain('engagement');
    expect(Object.keys(article.properties.engagement.properties)).toEqual(['views', 'shares']);
    expect(schemaOf(op, 404).properties.error).toBeDefined();
  });

  it("a tag's articles declare slug, page, pageSize and locale, and answer articles with a pagination", () => {
    const op = operation('/tags/by-slug/{slug}/articles', 'get');
    expect(parameter(op, 'slug', 'path')?.required).toBe(true);
    for (const name of ['page', 'pageSize', 'locale'])
      expect(parameter(op, name, 'query')?.schema.type).toBe(
        name === 'locale' ? 'string' : 'integer'
      );
    expect(dataEntry(op).properties.title).toBeDefined();
    // The tag controller does not decorate: a client typed from the document must not expect engagement here.
    expect(dataEntry(op).properties.engagement).toBeUndefined();
    expect(Object.keys(schemaOf(op, 200).properties.meta.properties.pagination.properties)).toEqual(
      ['page', 'pageSize', 'pageCount', 'total']
    );
  });

  it('Strapi core reads of articles show engagement, and of tags articleCount', () => {
    expect(dataEntry(operation('/articles', 'get')).properties.engagement).toBeDefined();
    expect(dataEntry(operation('/articles/{id}', 'get')).properties.engagement).toBeDefined();
    expect(dataEntry(operation('/tags', 'get')).properties.articleCount).toMatchObject({
      type: 'integer',
    });
    expect(dataEntry(operation('/tags/{id}', 'get')).properties.articleCount).toMatchObject({
      type: 'integer',
    });
    // Writes are not decorated.
    expect(dataEntry(operation('/articles', 'post')).properties.engagement).toBeUndefined();
  });

  it('the preview check answers the types whose drafts may be read, or 403', () => {
    const op = operation('/preview', 'get');
    expect(Object.keys(schemaOf(op, 200).properties.data.properties)).toEqual([
      'readDrafts',
      'contentTypes',
    ]);
    expect(op.responses['403']).toBeDefined();
  });
});

describe('the engagement routes', () => {
  const counting = [
    ['/engagement/{type}/{documentId}/view', 'post', 202],
    ['/engagement/{type}/{documentId}/share', 'post', 202],
    ['/engagement/share/{network}/{type}/{documentId}', 'get', 302],
  ] as const;

  it.each(counting)(
    '%s (%s) declares its path parameters, its %s answer, and 429',
    (path, method, status) => {
      const op = operation(path, method);
      for (const name of path.match(/\{([^}]+)\}/g)!.map((p) => p.slice(1, -1)))
        expect(parameter(op, name, 'path')?.required).toBe(true);
      expect(op.responses[String(status)]).toBeDefined();
      expect(op.responses['200']).toBeUndefined();
      expect(op.responses['429'].headers['Retry-After']).toBeDefined();
    }
  );

  it('view and share answer {data: {counted}}; share takes {network} as JSON', () => {
    expect(
      schemaOf(operation('/engagement/{type}/{documentId}/view', 'post'), 202).properties.data
        .properties.counted.type
    ).toBe('boolean');
    expect(
      operation('/engagement/{type}/{documentId}/share', 'post').requestBody.content[
        'application/json'
      ].schema.properties.network.type
    ).toBe('string');
  });

  it('popular declares period, by, limit and locale, and answers ranked documents', () => {
    const op = operation('/engagement/{type}/popular', 'get');
    expect(parameter(op, 'period', 'query')?.schema.enum).toEqual(['day', 'week', 'month', 'all']);
    expect(parameter(op, 'by', 'query')?.schema.enum).toEqual(['views', 'shares']);
    expect(parameter(op, 'limit', 'query')?.schema.type).toBe('integer');
    expect(parameter(op, 'locale', 'query')).toBeDefined();
    expect(dataEntry(op).required).toEqual(
      expect.arrayContaining(['documentId', 'views', 'shares'])
    );
    expect(op.responses['429']).toBeDefined();
  });

  it('stats declares days and locale, and answers views, shares by network and daily figures', () => {
    const op = operation('/engagement/{type}/{documentId}', 'get');
    expect(parameter(op, 'days', 'query')?.schema.type).toBe('integer');
    expect(parameter(op, 'locale', 'query')).toBeDefined();
    expect(Object.keys(schemaOf(op, 200).properties.data.properties)).toEqual([
      'views',
      'shares',
      'daily',
    ]);
  });
});

describe('files', () => {
  it('have placeholder, dominantColor and the formats keys of Strapi and of the thumbnails presets, wherever a file appears', () => {
    const file = component('PluginUploadFileDocument');
    expect(file.properties.placeholder).toBeDefined();
    expect(file.properties.dominantColor).toBeDefined();
    const formats = file.properties.formats.anyOf.find((option: Json) => option.type === 'object');
    const presetKeys = Object.entries(
      app.strapi.config.get('plugin::thumbnails.presets') as Record<string, unknown>
    )
      .filter(([, preset]) => preset !== false)
      .map(([name]) => name);
    expect(presetKeys.length).toBeGreaterThan(0);
    for (const preset of presetKeys)
      expect(Object.keys(formats.properties).some((key) => key.startsWith(`${preset}_`))).toBe(
        true
      );
    expect(formats.properties.thumbnail).toBeDefined();
    // A media field refers to that component.
    expect(dataEntry(operation('/articles', 'get')).properties.cover.$ref).toBe(
      '#/components/schemas/PluginUploadFileDocument'
    );
    // The upload plugin's own routes show the fields too.
    expect(
      schemaOf(operation('/upload/files/{id}', 'get'), 200).properties.placeholder
    ).toBeDefined();
  });

  it('have a typed provenance (rights, digital source type, AI flag, C2PA) and srcset/sizes on format entries', () => {
    const file = component('PluginUploadFileDocument');
    const provenance = file.properties.provenance.anyOf.find(
      (option: Json) => option.type === 'object'
    );
    expect(provenance.required).toEqual(
      expect.arrayContaining(['version', 'rights', 'aiGenerated'])
    );
    expect(Object.keys(provenance.properties.rights.properties)).toEqual([
      'creator',
      'creditLine',
      'copyrightNotice',
      'webStatement',
      'licensor',
      'usageTerms',
    ]);
    expect(provenance.properties.c2pa.properties.validated.type).toBe('boolean');
    const formats = file.properties.formats.anyOf.find((option: Json) => option.type === 'object');
    expect(formats.properties.og_webp.properties.srcset.type).toBe('string');
    expect(formats.properties.og_webp.properties.sizes.type).toBe('string');
  });

  it('declare every field a real upload with rights answers, in provenance and in its format entries', async () => {
    const jpeg = await imageWithRights('jpeg', {
      creators: ['Jane Doe'],
      rights: '© 2026 Jane Doe',
      licensor: { name: 'Acme', url: 'https://acme.example' },
      digitalSourceType: AI_SOURCE_TYPE,
    });
    const res = await uploadFile(app, jpeg, 'openapi-rights.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    const uploaded = res.body[0];
    const file = component('PluginUploadFileDocument');
    const provenance = file.properties.provenance.anyOf.find(
      (option: Json) => option.type === 'object'
    );
    expect(
      Object.keys(uploaded.provenance).filter((key) => !(key in provenance.properties))
    ).toEqual([]);
    expect(
      Object.keys(uploaded.provenance.rights).filter(
        (key) => !(key in provenance.properties.rights.properties)
      )
    ).toEqual([]);
    expect(uploaded.provenance.aiGenerated).toBe(true);
    const entry = file.properties.formats.anyOf.find((option: Json) => option.type === 'object')
      .properties.og_webp;
    expect(uploaded.formats.og_webp.srcset).toEqual(expect.any(String));
    expect(
      Object.keys(uploaded.formats.og_webp).filter((key) => !(key in entry.properties))
    ).toEqual([]);
  });
});

describe('the document', () => {
  it('is valid OpenAPI 3.1 and openapi-typescript turns it into types with our fields', async () => {
    await expect(validateDocument(document)).resolves.toBeUndefined();
    // openapi-typescript runs in a child process, as `npm run openapi` runs it (see typesOf).
    const typesOf = `require('./scripts/openapi').typesOf(JSON.parse(require('fs').readFileSync(0, 'utf8'))).then((types) => process.stdout.write(types))`;
    const types = execFileSync(process.execPath, ['-r', 'esbuild-register', '-e', typesOf], {
      cwd: APP_DIR,
      input: JSON.stringify(document),
      maxBuffer: 256 * 1024 * 1024,
    }).toString();
    expect(types).toContain('"/articles/by-slug/{slug}"');
    expect(types).toMatch(/engagement: \{\s*\/\*\*[^*]*\*\/\s*views: number;/);
    expect(types).toContain('articleCount: number;');
  });

  it('matches what the running app answers', async () => {
    const article = await createArticle(app.strapi, 'OpenAPI contract check');
    const bySlug = await app.http().get(`/api/articles/by-slug/${article.slug}`);
    expect(bySlug.status).toBe(200);
    const declared = Object.keys(
      dataEntry(operation('/articles/by-slug/{slug}', 'get')).properties
    );
    expect(Object.keys(bySlug.body.data).filter((key) => !declared.includes(key))).toEqual([]);
    expect(bySlug.body.data.engagement).toEqual({ views: 0, shares: 0 });

    const missing = await app.http().get('/api/articles/by-slug/no-such-article');
    expect(
      operation('/articles/by-slug/{slug}', 'get').responses[String(missing.status)]
    ).toBeDefined();
    expect(Object.keys(missing.body)).toEqual(
      Object.keys(schemaOf(operation('/articles/by-slug/{slug}', 'get'), 404).properties)
    );

    const view = await app
      .http()
      .post(`/api/engagement/article/${article.documentId}/view`)
      .set('User-Agent', browserUA());
    expect(view.status).toBe(202);
    expect(Object.keys(view.body.data)).toEqual(
      Object.keys(
        schemaOf(operation('/engagement/{type}/{documentId}/view', 'post'), 202).properties.data
          .properties
      )
    );

    await app.strapi
      .documents('api::tag.tag')
      .create({ data: { name: 'Contracts' } as never, status: 'published' });
    const tags = await app.http().get('/api/tags');
    expect(tags.status).toBe(200);
    const tagFields = Object.keys(dataEntry(operation('/tags', 'get')).properties);
    for (const tag of tags.body.data)
      expect(tagFields).toEqual(expect.arrayContaining(Object.keys(tag)));
    expect(tags.body.data.find((tag: Json) => tag.name === 'Contracts')).toMatchObject({
      articleCount: 0,
    });
  });
});
