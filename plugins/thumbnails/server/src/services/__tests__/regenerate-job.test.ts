import createRegenerateJobService from '../regenerate-job';

type Run = (options: {
  signal: AbortSignal;
  onProgress: (p: { done: number; total: number; counts: Record<string, number> }) => void;
}) => Promise<unknown>;

/** A fake strapi whose regenerate service runs `run`. */
function fakeStrapi(run: Run, isRunning = () => false) {
  const errors: string[] = [];
  const strapi = {
    plugin: () => ({ service: () => ({ run, isRunning }) }),
    log: { error: (message: string) => errors.push(message) },
  };
  return { strapi: strapi as never, errors };
}

const counts = { generated: 1, upToDate: 0, skipped: 0, notImage: 0, failed: 0 };
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('regenerate job', () => {
  it('is idle before any run', () => {
    const { strapi } = fakeStrapi(async () => ({}));
    expect(createRegenerateJobService({ strapi }).status()).toMatchObject({
      state: 'idle',
      done: 0,
      total: 0,
    });
  });

  it('reports progress while running and the summary when done', async () => {
    let finish!: () => void;
    const { strapi } = fakeStrapi(async ({ onProgress }) => {
      onProgress({ done: 1, total: 2, counts });
      await new Promise<void>((resolve) => (finish = resolve));
      return { done: 2, total: 2, counts: { ...counts, generated: 2 }, completed: true };
    });
    const job = createRegenerateJobService({ strapi });
    expect(job.start().state).toBe('running');
    await flush();
    expect(job.status()).toMatchObject({ state: 'running', done: 1, total: 2 });
    finish();
    await flush();
    expect(job.status()).toMatchObject({
      state: 'done',
      done: 2,
      total: 2,
      counts: { generated: 2 },
    });
    expect(job.status().finishedAt).not.toBeNull();
  });

  it('starts only one run at a time', async () => {
    let calls = 0;
    const { strapi } = fakeStrapi(() => {
      calls += 1;
      return new Promise(() => undefined);
    });
    const job = createRegenerateJobService({ strapi });
    const first = job.start();
    expect(job.start().startedAt).toBe(first.startedAt);
    expect(calls).toBe(1);
  });

  it('does not start while a CLI run holds the regenerate service', () => {
    let calls = 0;
    const { strapi } = fakeStrapi(
      async () => {
        calls += 1;
      },
      () => true
    );
    expect(createRegenerateJobService({ strapi }).start().state).toBe('idle');
    expect(calls).toBe(0);
  });

  it('records a failure with its message and logs it', async () => {
    const { strapi, errors } = fakeStrapi(async () => Promise.reject(new Error('disk full')));
    const job = createRegenerateJobService({ strapi });
    job.start();
    await flush();
    expect(job.status()).toMatchObject({ state: 'failed', error: 'disk full' });
    expect(errors[0]).toMatch(/disk full/);
  });

  it('stop() aborts the run, which ends as "stopped"', async () => {
    const { strapi } = fakeStrapi(
      ({ signal }) =>
        new Promise((resolve) =>
          signal.addEventListener('abort', () =>
            resolve({ done: 1, total: 5, counts, completed: false })
          )
        )
    );
    const job = createRegenerateJobService({ strapi });
    job.start();
    await job.stop();
    expect(job.status().state).toBe('stopped');
  });
});
