import type { Core } from '@strapi/strapi';
import { DEFAULT_CONFIG, type EngagementConfig } from '../../config';
import counterFactory from '../counter';

/** A fake Strapi with the plugin's config, a `tables` service recording what the flush writes, and the dedupe's stored state. */
function fakeStrapi(config: Partial<EngagementConfig> = {}) {
  const written: Array<Map<string, number>> = [];
  /** Fields the fake database refuses (as a row overflowing its column would be). */
  const refuse = new Set<string>();
  const addIncrements = async (batch: Map<string, number>) => {
    const refused = new Map([...batch].filter(([field]) => refuse.has(field)));
    written.push(new Map([...batch].filter(([field]) => !refuse.has(field))));
    return {
      refused,
      failures: [...refused].map(([field, count]) => ({
        row: { field, count },
        message: 'bigint out of range',
      })),
    };
  };
  const services: Record<string, unknown> = {
    tables: { addIncrements },
    'dedupe-state': {
      secret: async (day: number) => `secret-${day}`,
      takeSeen: async () => [],
      saveSeen: async () => undefined,
    },
  };
  const strapi = {
    config: { get: () => ({ ...structuredClone(DEFAULT_CONFIG), ...config }) },
    log: { warn: jest.fn(), info: jest.fn(), error: jest.fn() },
    plugin: () => ({ service: (name: string) => services[name] }),
  } as unknown as Core.Strapi;
  const counter = counterFactory({ strapi });
  services.counter = counter;
  return { strapi, counter, written, refuse };
}

const browser =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const event = (
  overrides: Partial<{
    ip: string;
    userAgent: string | undefined;
    metric: string;
    documentId: string;
  }> = {}
) => ({
  uid: 'api::article.article',
  documentId: 'doc1',
  metric: 'view',
  ip: '198.51.100.1',
  userAgent: browser,
  ...overrides,
});

describe('counter service', () => {
  let setup: ReturnType<typeof fakeStrapi>;
  beforeEach(async () => {
    setup = fakeStrapi();
    await setup.counter.init();
  });
  afterEach(() => setup.counter.close());

  it('counts a visitor once per window, per document and action; bots never', async () => {
    const { counter } = setup;
    expect(await counter.record(event())).toBe(true);
    expect(await counter.record(event())).toBe(false);
    expect(await counter.record(event({ ip: '198.51.100.2' }))).toBe(true);
    expect(await counter.record(event({ metric: 'share:x' }))).toBe(true);
    expect(
      await counter.record(event({ userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }))
    ).toBe(false);
    expect(
      await counter.buffered([
        't|api::article.article|doc1|view',
        't|api::article.article|doc1|share:x',
      ])
    ).toEqual([2, 1]);
  });

  it('flushes totals and per-day rows in one batch, and writes through after close', async () => {
    const { counter, written } = setup;
    await counter.record(event());
    await counter.flush();
    expect(written).toHaveLength(1);
    const fields = [...written[0].keys()].sort();
    expect(fields[0]).toMatch(/^d\|api::article\.article\|doc1\|\d{8}\|view$/);
    expect(fields[1]).toBe('t|api::article.article|doc1|view');
    await counter.close();
    await counter.record(event({ ip: '198.51.100.9' }));
    expect(written).toHaveLength(2);
  });

  it('keeps rows the database refuses buffered, writes the others, and reports the refused keys', async () => {
    const { counter, written, refuse, strapi } = setup;
    refuse.add('t|api::article.article|doc1|view');
    await counter.record(event());
    await counter.record(event({ documentId: 'doc2' }));
    await counter.flush();
    expect([...written[0].keys()]).toContain('t|api::article.article|doc2|view');
    expect(
      await counter.buffered([
        't|api::article.article|doc1|view',
        't|api::article.article|doc2|view',
      ])
    ).toEqual([1, 0]);
    const health = await counter.health();
    expect(health).toMatchObject({
      pendingFields: 1,
      lastError: { message: 'bigint out of range', keys: ['t|api::article.article|doc1|view'] },
    });
    expect(health.lastSuccessAt).not.toBeNull();
    expect(strapi.log.warn).toHaveBeenCalledTimes(1);

    refuse.clear();
    await counter.flush();
    expect(await counter.buffered(['t|api::article.article|doc1|view'])).toEqual([0]);
    expect((await counter.health()).pendingFields).toBe(0);
  });

  it('does not count a visitor seen at 23:59 again at 00:01, but does once the window has passed', async () => {
    const { counter } = setup;
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(Date.parse('2030-06-30T23:59:00Z'));
      expect(await counter.record(event())).toBe(true);
      now.mockReturnValue(Date.parse('2030-07-01T00:01:00Z'));
      expect(await counter.record(event())).toBe(false);
      expect(await counter.record(event({ ip: '198.51.100.77' }))).toBe(true);
      now.mockReturnValue(Date.parse('2030-07-01T00:29:01Z'));
      expect(await counter.record(event())).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it("keeps counting with a secret of its own when the database cannot give the day's secret", async () => {
    const broken = fakeStrapi();
    (broken.strapi.plugin('engagement').service('dedupe-state') as { secret: unknown }).secret =
      async () => Promise.reject(new Error('database down'));
    await broken.counter.init();
    try {
      expect(await broken.counter.record(event())).toBe(true);
      expect(await broken.counter.record(event())).toBe(false);
      expect(broken.strapi.log.warn).toHaveBeenCalledWith(expect.stringContaining('database down'));
    } finally {
      await broken.counter.close();
    }
  });
});
