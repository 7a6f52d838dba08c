import type { TestApp } from './strapi';

const ARTICLES = '/content-manager/collection-types/api::article.article';

type Auth = { Authorization: string };

const expectOk = (action: string, res: { status: number; body: unknown }) => {
  if (res.status !== 200 && res.status !== 201)
    throw new Error(
      `Content Manager ${action} answered ${res.status}: ${JSON.stringify(res.body)}`
    );
  return res.body as { data: { documentId: string } } & Record<string, unknown>;
};

/**
 * The Content Manager's own admin routes, called as the admin UI calls them (admin JWT): create a draft,
 * save a draft, publish, bulk publish, unpublish, discard. Publishing actions run inside the Content Manager's database transaction.
 */
export const contentManager = (app: TestApp, auth: Auth) => ({
  async createDraft(title: string): Promise<string> {
    return expectOk('create', await app.http().post(ARTICLES).set(auth).send({ title })).data
      .documentId;
  },
  async publish(documentId: string): Promise<void> {
    expectOk(
      'publish',
      await app.http().post(`${ARTICLES}/${documentId}/actions/publish`).set(auth).send({})
    );
  },
  async bulkPublish(documentIds: string[]): Promise<void> {
    expectOk(
      'bulkPublish',
      await app.http().post(`${ARTICLES}/actions/bulkPublish`).set(auth).send({ documentIds })
    );
  },
  async unpublish(documentId: string): Promise<void> {
    expectOk(
      'unpublish',
      await app.http().post(`${ARTICLES}/${documentId}/actions/unpublish`).set(auth).send({})
    );
  },
  /** The Save button on a published or draft article: changes its draft only. */
  async saveDraft(documentId: string, data: Record<string, unknown>): Promise<void> {
    expectOk('save', await app.http().put(`${ARTICLES}/${documentId}`).set(auth).send(data));
  },
  /** "Discard changes": the draft goes back to the published version. */
  async discard(documentId: string): Promise<void> {
    expectOk(
      'discard',
      await app.http().post(`${ARTICLES}/${documentId}/actions/discard`).set(auth).send({})
    );
  },
});
