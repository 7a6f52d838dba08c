import { singleFlight } from '../single-flight';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
};

describe('singleFlight', () => {
  it('lets concurrent misses from the same snapshot share one computation', async () => {
    const flights = singleFlight<string>();
    const gate = deferred<string>();
    let computations = 0;
    const leader = flights.run('/api/articles', 7, () => {
      computations += 1;
      return gate.promise;
    });
    const followers = [flights.join('/api/articles', 7), flights.join('/api/articles', 7)];
    expect(followers.map((follower) => follower?.olderSnapshot)).toEqual([false, false]);
    gate.resolve('body');
    expect(await leader).toBe('body');
    expect(await Promise.all(followers.map((follower) => follower?.result))).toEqual([
      'body',
      'body',
    ]);
    expect(computations).toBe(1);
    expect(flights.join('/api/articles', 7)).toBeUndefined();
  });

  it('tells a request that started after a later write that the computation is older than what it saw', async () => {
    const flights = singleFlight<string>();
    const gate = deferred<string>();
    const old = flights.run('/api/tags', 3, () => gate.promise);
    expect(flights.join('/api/tags', 4)?.olderSnapshot).toBe(true);
    expect(flights.join('/api/other', 3)).toBeUndefined();
    const newer = flights.run('/api/tags', 4, async () => 'new');
    // the newer computation took the key: a request from before the write shares it as it is
    expect(flights.join('/api/tags', 3)?.olderSnapshot).toBe(false);
    expect(await flights.join('/api/tags', 4)?.result).toBe('new');
    gate.resolve('old');
    expect(await old).toBe('old');
    expect(await newer).toBe('new');
  });

  it('never lets an older computation take the key from a newer one', async () => {
    const flights = singleFlight<string>();
    const gate = deferred<string>();
    const newer = flights.run('/api/tags', 5, () => gate.promise);
    const older = flights.run('/api/tags', 2, async () => 'old');
    expect(await older).toBe('old');
    expect(flights.join('/api/tags', 5)?.olderSnapshot).toBe(false);
    gate.resolve('new');
    expect(await flights.join('/api/tags', 5)?.result).toBe('new');
    expect(await newer).toBe('new');
  });

  it('passes a failure to the requests that joined, and forgets the key', async () => {
    const flights = singleFlight<string>();
    const failing = flights.run('/api/x', 1, async () => {
      throw new Error('boom');
    });
    const joined = flights.join('/api/x', 1);
    await expect(failing).rejects.toThrow('boom');
    await expect(joined?.result).rejects.toThrow('boom');
    expect(flights.join('/api/x', 1)).toBeUndefined();
  });
});
