/**
 * Concurrent misses for one key on one instance share one computation (no stampede after an
 * invalidation). A request that started from the computation's snapshot (write sequence), or an older
 * one, takes its result as it is: any write it missed finished while the request was running. A request
 * that started after a later write may use the result only once the store has judged it fresh (the
 * computation saves it, and a new lookup finds it), so it never receives a response that the write
 * made stale, and an unrelated write does not start a second computation.
 */
export interface SingleFlight<T> {
  /**
   * The running computation for `key`, if any: its result, and whether it started from an older snapshot
   * than `snapshot` (then the caller looks the key up again once it settles instead of using the result).
   */
  join(key: string, snapshot: number): { result: Promise<T>; olderSnapshot: boolean } | undefined;
  /** Registers the computation for `key` (unless a newer one runs) and returns `work`'s promise. */
  run(key: string, snapshot: number, work: () => Promise<T>): Promise<T>;
}

/** A {@link SingleFlight} keyed by cache key; entries leave the map when their computation settles. */
export function singleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, { snapshot: number; result: Promise<T> }>();
  return {
    join(key, snapshot) {
      const flight = flights.get(key);
      return flight
        ? { result: flight.result, olderSnapshot: flight.snapshot < snapshot }
        : undefined;
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
