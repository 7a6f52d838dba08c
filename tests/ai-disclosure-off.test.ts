import { api } from './helpers/content';
import { createFile, DALLE_PROVENANCE } from './helpers/credits';
import { useTestApp } from './helpers/strapi';

/** With REQUIRE_AI_DISCLOSURE=false (publishing.requireAiDisclosure), AI-made covers publish without a disclosing credit. */
const testApp = useTestApp({ REQUIRE_AI_DISCLOSURE: 'false' });

it('publishes an undisclosed AI cover when the rule is switched off', async () => {
  const app = testApp();
  const cover = await createFile(app, { provenance: DALLE_PROVENANCE });
  const res = await api(app).post('/api/articles?status=published', {
    data: { title: 'Rule off', cover: cover.id },
  });
  expect(res.status).toBe(201);
  expect(
    (await app.http().get('/api/articles/by-slug/rule-off')).body.data.coverStructuredData
      .digitalSourceType
  ).toBe(DALLE_PROVENANCE.digitalSourceType);
});
