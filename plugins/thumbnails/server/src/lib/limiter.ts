/** Runs a task when a slot is free. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A small semaphore: at most `limit` tasks run at once, the rest wait in FIFO order. sharp already works
 * off the event loop (libuv threads); this bounds how many decodes/encodes (and their memory) are in
 * flight across every upload and regenerate run of the process.
 */
export function createLimiter(limit: number): Schedule {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`);
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
