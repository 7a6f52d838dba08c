/**
 * Concurrent misses for one key on one instance share one computation (no stampede after an
 * invalidation). A request joins a computation only if it started from the same snapshot (write
 * sequence): a request that began after a later invalidation never receives a response computed before it.
 */
export interface SingleFlight<T> {
  /** The result of the computation for `key` started from `snapshot`, when one is running; else undefined. */
  join(key: string, snapshot: number): Promise<T> | undefined;
  /** Registers the computation for `key` (unless one from the same snapshot runs) and returns `work`'s promise. */
  run(key: string, snapshot: number, work: () => Promise<T>): Promise<T>;
}

/** A {@link SingleFlight} keyed by cache key; entries leave the map when their computation settles. */
export function singleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, { snapshot: number; result: Promise<T> }>();
  return {
    join(key, snapshot) {
      const flight = flights.get(key);
      return flight && flight.snapshot === snapshot ? flight.result : undefined;
    },
    run(key, snapshot, work) {
      const result = work();
      const flight = { snapshot, result };
      const current = flights.get(key);
      // A newer snapshot's computation replaces an older one; an older one never replaces a newer.
      if (!current || current.snapshot <= snapshot) flights.set(key, flight);
      const leave = () => {
        if (flights.get(key) === flight) flights.delete(key);
      };
      result.then(leave, leave);
      return result;
    },
  };
}
