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
    gate.resolve('body');
    expect(await leader).toBe('body');
    expect(await Promise.all(followers)).toEqual(['body', 'body']);
    expect(computations).toBe(1);
    expect(flights.join('/api/articles', 7)).toBeUndefined();
  });

  it('never hands a request a computation that started before a later write', async () => {
    const flights = singleFlight<string>();
    const gate = deferred<string>();
    const old = flights.run('/api/tags', 3, () => gate.promise);
    expect(flights.join('/api/tags', 4)).toBeUndefined();
    expect(flights.join('/api/other', 3)).toBeUndefined();
    const newer = flights.run('/api/tags', 4, async () => 'new');
    expect(flights.join('/api/tags', 3)).toBeUndefined();
    gate.resolve('old');
    expect(await old).toBe('old');
    expect(await newer).toBe('new');
  });

  it('passes a failure to the requests that joined, and forgets the key', async () => {
    const flights = singleFlight<string>();
    const failing = flights.run('/api/x', 1, async () => {
      throw new Error('boom');
    });
    const joined = flights.join('/api/x', 1);
    await expect(failing).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    expect(flights.join('/api/x', 1)).toBeUndefined();
  });
});
