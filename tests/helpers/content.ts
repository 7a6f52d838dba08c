import type { TestApp } from './strapi';

/** A blocks body made of paragraphs. */
export const paragraphs = (...texts: string[]) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/** POST/PUT helpers that send the full-access API token. */
export function api(app: TestApp) {
  const auth = async () => ({ Authorization: `Bearer ${await app.token()}` });
  return {
    async post(path: string, body: unknown) {
      return app.http().post(path).set(await auth()).send(body as object);
    },
    async put(path: string, body: unknown) {
      return app.http().put(path).set(await auth()).send(body as object);
    },
    async del(path: string) {
      return app.http().delete(path).set(await auth());
    },
    async get(path: string) {
      return app.http().get(path).set(await auth());
    },
  };
}

/** The field names a Strapi 400 response points at. */
export const errorPaths = (body: { error?: { details?: { errors?: Array<{ path: string[] }> } } }) =>
  (body.error?.details?.errors ?? []).map((error) => error.path.join('.'));
