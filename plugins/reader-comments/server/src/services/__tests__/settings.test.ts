import createSettingsService, { SETTINGS_TTL_MS } from '../settings';

/** A plugin store shared by two "instances" (two services on one fake database), counting its reads. */
function fakeStrapi(store: Map<string, unknown>, reads: { count: number }) {
  return {
    store: ({ key }: { key: string }) => ({
      get: async () => {
        reads.count += 1;
        return store.get(key) ?? null;
      },
      set: async ({ value }: { value: unknown }) => {
        store.set(key, value);
      },
      delete: async () => {
        store.delete(key);
      },
    }),
    config: {
      get: () => ({ words: { '*': { banned: ['configured'], suspect: [] } }, contentTypes: [] }),
    },
  } as never;
}

describe('settings service: word lists', () => {
  let now: jest.SpyInstance<number, []>;
  let clock = 1_000_000;
  beforeEach(() => {
    clock = 1_000_000;
    now = jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(() => now.mockRestore());

  it("uses the config's lists until an admin saves, then the saved ones at once on the saving instance", async () => {
    const settings = createSettingsService({ strapi: fakeStrapi(new Map(), { count: 0 }) });
    expect(await settings.words()).toEqual({
      source: 'config',
      words: { '*': { banned: ['configured'], suspect: [] } },
    });
    await settings.saveWords({ en: { banned: ['saved'], suspect: [] } });
    expect(await settings.wordListsFor('en')).toEqual({ banned: ['saved'], suspect: [] });
    await settings.saveWords(null);
    expect((await settings.words()).source).toBe('config');
  });

  it('reads the store at most once per TTL, and another instance sees a save once its copy expires', async () => {
    const store = new Map<string, unknown>();
    const reads = { count: 0 };
    const saving = createSettingsService({ strapi: fakeStrapi(store, reads) });
    const other = createSettingsService({ strapi: fakeStrapi(store, reads) });
    expect((await other.wordListsFor('en')).banned).toEqual(['configured']);
    await other.wordListsFor('en');
    expect(reads.count).toBe(1);

    await saving.saveWords({ '*': { banned: ['new'], suspect: [] } });
    clock += SETTINGS_TTL_MS - 1;
    expect((await other.wordListsFor('en')).banned).toEqual(['configured']);
    clock += 2;
    expect((await other.wordListsFor('en')).banned).toEqual(['new']);
  });

  it('refuses a bad list with a 400 and keeps the lists in force', async () => {
    const settings = createSettingsService({ strapi: fakeStrapi(new Map(), { count: 0 }) });
    await expect(settings.saveWords({ en: { banned: 'oops' } })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'en.banned must be a list of words',
    });
    expect((await settings.words()).source).toBe('config');
  });
});
