import { useTestApp } from './helpers/strapi';

const app = useTestApp();

it('boots and answers the health check', async () => {
  await app().http().get('/_health').expect(204);
});

it('lists articles publicly', async () => {
  const res = await app().http().get('/api/articles');
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual([]);
});
