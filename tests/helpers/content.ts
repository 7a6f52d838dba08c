import type { TestApp } from './strapi';

/** A blocks body made of paragraphs. */
export const paragraphs = (...texts: string[]) =>
  texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/** POST/PUT helpers that send the full-access API token. */
export function api(app: TestApp) {
  const auth = async () => ({ Authorization: `Bearer ${await app.token()}` });
  return {
    async post(path: string, body: unknown) {
      return app
        .http()
        .post(path)
        .set(await auth())
        .send(body as object);
    },
    async put(path: string, body: unknown) {
      return app
        .http()
        .put(path)
        .set(await auth())
        .send(body as object);
    },
    async del(path: string) {
      return app
        .http()
        .delete(path)
        .set(await auth());
    },
    async get(path: string) {
      return app
        .http()
        .get(path)
        .set(await auth());
    },
  };
}

/** The field names a Strapi 400 response points at. */
export const errorPaths = (body: {
  error?: { details?: { errors?: Array<{ path: string[] }> } };
}) => (body.error?.details?.errors ?? []).map((error) => error.path.join('.'));

/** A stored document as tests read it (the app has no generated content-type typings). */
export type Doc = Record<string, any> & { documentId: string };

/** The Document Service methods tests use, loosely typed. */
export interface Documents {
  create(params: { data: Record<string, unknown>; status?: 'draft' | 'published' }): Promise<Doc>;
  update(params: {
    documentId: string;
    data: Record<string, unknown>;
    status?: 'draft' | 'published';
    /** The version to write (a new locale's version is created); the default locale when absent. */
    locale?: string;
  }): Promise<Doc>;
  findOne(params: {
    documentId: string;
    status?: 'draft' | 'published';
    populate?: unknown;
  }): Promise<Doc | null>;
  findMany(params?: Record<string, unknown>): Promise<Doc[]>;
  publish(params: { documentId: string }): Promise<unknown>;
  unpublish(params: { documentId: string }): Promise<unknown>;
  delete(params: { documentId: string }): Promise<unknown>;
}

/** `strapi.documents(uid)` with the loose {@link Documents} typing. */
export const documentsOf = (app: TestApp, uid: string): Documents =>
  app.strapi.documents(uid as never) as unknown as Documents;
