/** Runs a task when a slot is free. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A small semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. sharp already works
 * off the event loop (libuv threads); this bounds how many decodes/encodes (and their memory) are in
 * flight across every upload and regenerate run of the process.
 */
export function createLimiter(limit: number): Schedule {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        active += 1;
        Promise.resolve().then(task).then(resolve, reject).finally(next);
      };
      if (active < limit) run();
      else waiting.push(run);
    });
}

/**
 * The limiter for the current `limit`, built on first use and rebuilt when the limit changes (the
 * plugin's `concurrency` is read from its config on each use). Tasks already waiting keep their limiter.
 */
export function limiterFor(currentLimit: () => number): () => Schedule {
  let schedule: Schedule | undefined;
  let builtFor = 0;
  return () => {
    const limit = currentLimit();
    if (!schedule || builtFor !== limit) {
      schedule = createLimiter(limit);
      builtFor = limit;
    }
    return schedule;
  };
}
