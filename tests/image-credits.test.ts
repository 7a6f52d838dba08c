import { api, documentsOf, errorPaths } from './helpers/content';
import { type TestApp, useSharedApp } from './helpers/strapi';

const testApp = useSharedApp();
const CREDIT = 'api::image-credit.image-credit';
let app: TestApp;
let client: ReturnType<typeof api>;
beforeAll(() => {
  app = testApp();
  client = api(app);
});

const credits = () => documentsOf(app, CREDIT);

describe('credit lines', () => {
  it('are computed on create', async () => {
    const ai = await client.post('/api/image-credits', {
      data: { creator: 'Jane Doe', year: 2023, aiGenerated: true, aiTool: 'DALL·E' },
    });
    expect(ai.status).toBe(201);
    expect(ai.body.data.creditLine).toBe('Image created with DALL·E, © 2023 Jane Doe');
    const cc = await client.post('/api/image-credits', {
      data: { creator: 'Jane Doe', license: 'cc_by', sourceUrl: 'https://example.org/p/1' },
    });
    expect(cc.body.data.creditLine).toBe('Photo: Jane Doe (CC BY 4.0)');
  });

  it('follow changes to the other fields while automatic', async () => {
    const credit = await credits().create({ data: { creator: 'Sam', license: 'cc_by' } });
    const res = await client.put(`/api/image-credits/${credit.documentId}`, {
      data: { license: 'cc_by_sa' },
    });
    expect(res.body.data.creditLine).toBe('Photo: Sam (CC BY-SA 4.0)');
  });

  it("keep an editor's own line, and go back to automatic when it is cleared", async () => {
    const credit = await credits().create({
      data: { creator: 'Sam', creditLine: 'Courtesy of Sam' },
    });
    expect(credit.creditLine).toBe('Courtesy of Sam');
    const changed = await credits().update({ documentId: credit.documentId, data: { year: 2020 } });
    expect(changed.creditLine).toBe('Courtesy of Sam');
    const cleared = await credits().update({
      documentId: credit.documentId,
      data: { creditLine: '' },
    });
    expect(cleared.creditLine).toBe('Photo: © 2020 Sam');
  });

  it('serve many articles from one credit', async () => {
    const credit = await credits().create({ data: { creator: 'Shared' } });
    for (const title of ['Uses credit A', 'Uses credit B']) {
      await documentsOf(app, 'api::article.article').create({
        status: 'published',
        data: { title, coverCredit: credit.documentId },
      });
    }
    const res = await app
      .http()
      .get(`/api/image-credits/${credit.documentId}`)
      .query({ populate: 'articles' });
    expect(res.status).toBe(200);
    expect(res.body.data.articles.map((a: { title: string }) => a.title).sort()).toEqual([
      'Uses credit A',
      'Uses credit B',
    ]);
  });
});

describe('bad input', () => {
  const rejects = async (data: Record<string, unknown>, field: string) => {
    const before = await app.strapi.db.query(CREDIT).count();
    const res = await client.post('/api/image-credits', { data });
    expect(res.status).toBe(400);
    expect(errorPaths(res.body)).toContain(field);
    expect(await app.strapi.db.query(CREDIT).count()).toBe(before);
    return res;
  };

  it('rejects a missing creator', async () => {
    await rejects({ license: 'cc0' }, 'creator');
  });

  it('rejects an unknown license', async () => {
    await rejects({ creator: 'A', license: 'copyleft_maybe' }, 'license');
  });

  it('rejects a source URL that is not http(s)', async () => {
    for (const sourceUrl of [
      'ftp://example.org/x',
      'javascript:alert(1)',
      'not a url',
      'https://',
    ]) {
      const res = await rejects({ creator: 'A', sourceUrl }, 'sourceUrl');
      expect(res.body.error.message).toMatch(/http/);
    }
  });

  it('rejects aiGenerated without aiTool, through REST and the Document Service', async () => {
    const res = await rejects({ creator: 'A', aiGenerated: true }, 'aiTool');
    expect(res.body.error.message).toMatch(/aiTool is required/);
    await expect(
      credits().create({ data: { creator: 'A', aiGenerated: true, aiTool: '  ' } })
    ).rejects.toThrow(/aiTool is required/);
  });

  it('rejects switching aiGenerated on for an existing credit without a tool, leaving it unchanged', async () => {
    const credit = await credits().create({ data: { creator: 'B' } });
    const res = await client.put(`/api/image-credits/${credit.documentId}`, {
      data: { aiGenerated: true },
    });
    expect(res.status).toBe(400);
    const stored = await credits().findOne({ documentId: credit.documentId });
    expect(stored?.aiGenerated).toBe(false);
  });

  it('answers 404 for unknown ids', async () => {
    expect((await app.http().get('/api/image-credits/nope0000000000000000000')).status).toBe(404);
    expect(
      (await client.put('/api/image-credits/nope0000000000000000000', { data: { creator: 'x' } }))
        .status
    ).toBe(404);
    expect((await client.del('/api/image-credits/nope0000000000000000000')).status).toBe(404);
  });
});
