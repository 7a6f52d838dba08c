import { countKey, emptyCounts, startingPoint } from '../checkpoint';
import { createLimiter, limiterFor } from '../limiter';

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const schedule = createLimiter(2);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        schedule(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setImmediate(resolve));
          active -= 1;
          return index;
        })
      )
    );
    expect(peak).toBe(2);
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps going after a failed task', async () => {
    const schedule = createLimiter(1);
    await expect(schedule(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(schedule(async () => 'next')).resolves.toBe('next');
  });
});

describe('limiterFor', () => {
  it('keeps one limiter while the limit stays, and builds a new one when it changes', async () => {
    let limit = 1;
    const current = limiterFor(() => limit);
    const first = current();
    expect(current()).toBe(first);
    limit = 3;
    const second = current();
    expect(second).not.toBe(first);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        second(async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active -= 1;
        })
      )
    );
    expect(peak).toBe(3);
  });
});

describe('startingPoint', () => {
  const saved = {
    settings: 'abc',
    lastId: 40,
    done: 40,
    counts: { ...emptyCounts(), generated: 40 },
    startedAt: 'x',
    updatedAt: 'y',
  };

  it('resumes a checkpoint made with the same settings', () => {
    expect(startingPoint(saved, 'abc')).toMatchObject({
      lastId: 40,
      done: 40,
      resumed: true,
      counts: { generated: 40 },
    });
  });

  it('starts over on other settings, on request, or without a checkpoint', () => {
    expect(startingPoint(saved, 'def')).toMatchObject({
      lastId: 0,
      done: 0,
      resumed: false,
      settings: 'def',
    });
    expect(startingPoint(saved, 'abc', { restart: true })).toMatchObject({
      lastId: 0,
      resumed: false,
    });
    expect(startingPoint(null, 'abc')).toMatchObject({ lastId: 0, counts: emptyCounts() });
  });

  it('files every outcome under one tally', () => {
    expect(countKey({ status: 'generated' })).toBe('generated');
    expect(countKey({ status: 'skipped', notImage: true })).toBe('notImage');
    expect(countKey({ action: 'skip', notImage: false })).toBe('skipped');
    expect(countKey({ status: 'failed' })).toBe('failed');
  });
});
