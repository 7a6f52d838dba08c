import { createKeyedMutex } from '../keyed-mutex';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A task that records when it starts and ends, and returns its name. */
const recorder = (events: string[]) => (name: string) => async () => {
  events.push(`start ${name}`);
  await tick();
  events.push(`end ${name}`);
  return name;
};

describe('createKeyedMutex', () => {
  it('runs tasks of one key one after another, in order', async () => {
    const runExclusive = createKeyedMutex();
    const events: string[] = [];
    const task = recorder(events);
    const results = await Promise.all([
      runExclusive('a', task('1')),
      runExclusive('a', task('2')),
      runExclusive('a', task('3')),
    ]);
    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys run side by side', async () => {
    const runExclusive = createKeyedMutex();
    const events: string[] = [];
    const task = recorder(events);
    await Promise.all([runExclusive('a', task('a')), runExclusive('b', task('b'))]);
    expect(events.slice(0, 2).sort()).toEqual(['start a', 'start b']);
  });

  it('keeps going after a task fails', async () => {
    const runExclusive = createKeyedMutex();
    await expect(runExclusive('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom'
    );
    await expect(runExclusive('a', async () => 'next')).resolves.toBe('next');
  });
});
