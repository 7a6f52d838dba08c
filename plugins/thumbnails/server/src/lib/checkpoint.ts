import type { RegenerateCounts } from '../../../shared/contracts';

/** Tallies of a regenerate run (the admin shows them: the shape lives in shared/contracts.ts). */
export type Counts = RegenerateCounts;

/** Saved after every batch so an interrupted run resumes where it stopped. */
export interface Checkpoint {
  /** Settings signature the run started with; a checkpoint from other settings is not resumed. */
  settings: string;
  /** Highest file id fully handled; the run resumes with ids above it. */
  lastId: number;
  done: number;
  counts: Counts;
  startedAt: string;
  updatedAt: string;
}

/** Tallies of a run that has handled nothing yet. */
export const emptyCounts = (): Counts => ({
  generated: 0,
  upToDate: 0,
  skipped: 0,
  notImage: 0,
  failed: 0,
});

/**
 * Where a run starts: after the saved checkpoint when it was made with the same settings (and the
 * caller did not ask to restart), else from the first file with fresh tallies.
 */
export function startingPoint(
  saved: unknown,
  settings: string,
  { restart = false, now = new Date() } = {}
): Checkpoint & { resumed: boolean } {
  const checkpoint = saved as Partial<Checkpoint> | null | undefined;
  if (
    !restart &&
    checkpoint &&
    checkpoint.settings === settings &&
    typeof checkpoint.lastId === 'number' &&
    typeof checkpoint.done === 'number' &&
    checkpoint.counts
  ) {
    return {
      ...(checkpoint as Checkpoint),
      counts: { ...emptyCounts(), ...checkpoint.counts },
      resumed: true,
    };
  }
  const stamp = now.toISOString();
  return {
    settings,
    lastId: 0,
    done: 0,
    counts: emptyCounts(),
    startedAt: stamp,
    updatedAt: stamp,
    resumed: false,
  };
}

/** The tally a file's outcome adds to. */
export function countKey(
  outcome: { status: string; notImage?: boolean } | { action: string; notImage?: boolean }
): keyof Counts {
  const status = 'status' in outcome ? outcome.status : outcome.action;
  switch (status) {
    case 'generated':
    case 'generate':
      return 'generated';
    case 'up-to-date':
    case 'superseded':
      return 'upToDate';
    case 'skipped':
    case 'skip':
      return outcome.notImage ? 'notImage' : 'skipped';
    default:
      return 'failed';
  }
}
