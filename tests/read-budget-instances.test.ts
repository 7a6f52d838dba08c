import request from 'supertest';
import { startChildInstance, type ChildInstance } from './helpers/engagement-instance';
import { withinOneMinuteWindow } from './helpers/minute-window';
import { startTestApp, type TestApp } from './helpers/strapi';
import { describeWithSharedServices } from './helpers/two-instances';

/**
 * Two app instances (this process and a child process) on one PostgreSQL or MySQL/MariaDB database share
 * each client's per-minute read points through Redis: a client that spreads its reads over both
 * instances behind a load balancer runs out after the same number of points as on one.
 */
const REDIS_URL = process.env.REDIS_URL;
const describeShared = describeWithSharedServices('read budget');

const ENV = { READ_RATE_LIMIT: '20', IS_PROXIED: 'true', READ_BUDGET_REDIS_URL: REDIS_URL ?? '' };

describeShared('read points shared by two instances through Redis', () => {
  let app: TestApp;
  let child: ChildInstance;

  beforeAll(async () => {
    app = await startTestApp(ENV);
    child = await startChildInstance();
  });
  afterAll(async () => {
    await child?.stop();
    await app?.stop();
    for (const key of Object.keys(ENV)) delete process.env[key];
  });

  it("counts a client's reads on both instances against one allowance", async () => {
    const client = { 'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 200) + 1}` };
    const read = (baseUrl: string, i: number) => request(baseUrl).get(`/api/tags?filters[name][$eq]=none-${i}`).set(client);
    const statuses: number[] = [];
    await withinOneMinuteWindow();
    for (let i = 0; i < 10; i += 1) statuses.push((await read(app.baseUrl, i)).status, (await read(child.baseUrl, i)).status);
    expect(statuses).toEqual(Array(20).fill(200));
    const fromApp = await read(app.baseUrl, 99);
    const fromChild = await read(child.baseUrl, 99);
    expect([fromApp.status, fromChild.status]).toEqual([429, 429]);
    expect(Number(fromChild.headers['retry-after'])).toBeGreaterThan(0);
    // another client is served on both
    expect((await request(child.baseUrl).get('/api/tags').set({ 'X-Forwarded-For': '198.51.100.250' })).status).toBe(200);
  });
});
