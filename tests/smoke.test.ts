import { randomBytes } from 'node:crypto';
import { useSharedApp } from './helpers/strapi';

const app = useSharedApp();

it('boots and answers the health check', async () => {
  await app().http().get('/_health').expect(204);
});

it('lists a published article publicly, without a token', async () => {
  const title = `Smoke ${randomBytes(4).toString('hex')}`;
  await app()
    .strapi.documents('api::article.article')
    .create({ data: { title } as never, status: 'published' });
  const res = await app().http().get('/api/articles').query({ 'filters[title][$eq]': title });
  expect(res.status).toBe(200);
  expect(res.body.data.map((article: { title: string }) => article.title)).toEqual([title]);
});
