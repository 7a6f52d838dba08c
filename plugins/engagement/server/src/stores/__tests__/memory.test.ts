import { MemoryStore } from '../memory';

describe('MemoryStore', () => {
  let now: number;
  let store: MemoryStore;
  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryStore(() => now);
  });

  it('counts a visitor once inside the window and again after it', async () => {
    expect(await store.record('v1', 1000, ['t|x|d|view'])).toBe(true);
    expect(await store.record('v1', 1000, ['t|x|d|view'])).toBe(false);
    now += 1000;
    expect(await store.record('v1', 1000, ['t|x|d|view'])).toBe(true);
    expect(await store.read(['t|x|d|view', 'other'])).toEqual([2, 0]);
  });

  it('counts every event with a window of 0', async () => {
    for (let i = 0; i < 3; i += 1) expect(await store.record('v1', 0, ['f'])).toBe(true);
    expect(await store.read(['f'])).toEqual([3]);
  });

  it('hands the buffer to the writer once and empties it', async () => {
    await store.record('a', 0, ['f', 'g']);
    const written: Array<Map<string, number>> = [];
    expect(await store.flush(async (batch) => void written.push(new Map(batch)))).toEqual({
      fields: 2,
    });
    expect(await store.flush(async (batch) => void written.push(new Map(batch)))).toEqual({
      fields: 0,
    });
    expect(written).toEqual([
      new Map([
        ['f', 1],
        ['g', 1],
      ]),
    ]);
    expect(await store.read(['f'])).toEqual([0]);
  });

  it('keeps increments whose write failed, and readers keep seeing them', async () => {
    await store.record('a', 0, ['f']);
    await expect(store.flush(async () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down'
    );
    await store.record('b', 0, ['f']);
    expect(await store.read(['f'])).toEqual([2]);
    const written: number[] = [];
    await store.flush(async (batch) => void written.push(batch.get('f') ?? 0));
    expect(written).toEqual([2]);
  });

  it('shows increments being written to readers until the write is done', async () => {
    await store.record('a', 0, ['f']);
    let release: () => void = () => undefined;
    const flushing = store.flush(() => new Promise<void>((resolve) => (release = resolve)));
    await Promise.resolve();
    await store.record('b', 0, ['f']);
    expect(await store.read(['f'])).toEqual([2]);
    release();
    await flushing;
    expect(await store.read(['f'])).toEqual([1]);
  });

  it('runs one flush at a time', async () => {
    await store.record('a', 0, ['f']);
    let running = 0;
    let maxRunning = 0;
    const write = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all([store.flush(write), store.flush(write), store.flush(write)]);
    expect(maxRunning).toBe(1);
  });

  it('discards a document’s fields', async () => {
    await store.record('a', 0, ['t|x|d1|view', 't|x|d2|view']);
    await store.discard((field) => field.includes('|d1|'));
    expect(await store.read(['t|x|d1|view', 't|x|d2|view'])).toEqual([0, 1]);
  });

  it('refuses new visitors when the dedupe table is full, never evicting a key still in its window', async () => {
    const full = jest.fn();
    const capped = new MemoryStore(() => now, { maxVisitors: 2, onFull: full });
    expect(await capped.record('a', 1000, ['f'])).toBe(true);
    expect(await capped.record('b', 1000, ['f'])).toBe(true);
    expect(await capped.record('c', 1000, ['f'])).toBe(false);
    expect(full).toHaveBeenCalledTimes(1);
    // known visitors are still deduplicated: no double count
    expect(await capped.record('a', 1000, ['f'])).toBe(false);
    expect(await capped.read(['f'])).toEqual([2]);
    // once their window passed, old keys are swept on the next event and new visitors count again
    now += 1000;
    expect(await capped.record('c', 1000, ['f'])).toBe(true);
    expect(await capped.record('d', 1000, ['f'])).toBe(true);
    expect(await capped.record('e', 1000, ['f'])).toBe(false);
  });

  it('sweeps a few expired keys per event, oldest first, and re-seen keys move to the back', async () => {
    const capped = new MemoryStore(() => now, { maxVisitors: 100 });
    for (let i = 0; i < 100; i += 1) await capped.record(`old${i}`, 1000, ['f']);
    now += 1000;
    // seen again after its window: counted, and moved to the back so it is not swept as an old key
    expect(await capped.record('old0', 1000, ['f'])).toBe(true);
    // each event sweeps up to 32 expired keys, so new visitors find room; only old0's slot stays taken
    let counted = 0;
    for (let i = 0; i < 100; i += 1) if (await capped.record(`new${i}`, 1000, ['f'])) counted += 1;
    expect(counted).toBe(99);
    expect(await capped.record('old0', 1000, ['f'])).toBe(false);
  });
});
