import type { Core } from '@strapi/strapi';
import type { RegenerateJob } from '../../../shared/contracts';
import { emptyCounts } from '../lib/checkpoint';
import { errorMessage, getService } from '../utils';

const idle = (): RegenerateJob => ({
  state: 'idle',
  done: 0,
  total: 0,
  counts: emptyCounts(),
  startedAt: null,
  finishedAt: null,
  error: null,
});

/**
 * The admin's "Regenerate all" button: one background run per instance, whose progress the settings
 * page polls, so it keeps going when the editor leaves the page. The run itself is the resumable,
 * idempotent regenerate service; stopping the app stops it after the current batch (the checkpoint
 * lets the next run resume).
 */
const createRegenerateJobService = ({ strapi }: { strapi: Core.Strapi }) => {
  let job: RegenerateJob = idle();
  let controller: AbortController | null = null;
  let running: Promise<void> | null = null;

  return {
    /** The current (or last) run's progress. */
    status(): RegenerateJob {
      return { ...job, counts: { ...job.counts } };
    },

    /** Starts a run unless one is already going; returns its status either way. */
    start(): RegenerateJob {
      // a run already going here, or one started from the CLI in this process
      if (job.state === 'running' || getService(strapi, 'regenerate').isRunning())
        return this.status();
      controller = new AbortController();
      job = { ...idle(), state: 'running', startedAt: new Date().toISOString() };
      running = getService(strapi, 'regenerate')
        .run({
          signal: controller.signal,
          onProgress: (progress) => {
            job = {
              ...job,
              done: progress.done,
              total: progress.total,
              counts: { ...progress.counts },
            };
          },
        })
        .then((summary) => {
          job = {
            ...job,
            state: summary.completed ? 'done' : 'stopped',
            done: summary.done,
            total: summary.total,
            counts: { ...summary.counts },
            finishedAt: new Date().toISOString(),
          };
        })
        .catch((error: unknown) => {
          strapi.log.error(`[thumbnails] Regenerate all failed: ${errorMessage(error)}`);
          job = {
            ...job,
            state: 'failed',
            error: errorMessage(error),
            finishedAt: new Date().toISOString(),
          };
        })
        .finally(() => {
          controller = null;
          running = null;
        });
      return this.status();
    },

    /** Asks a running job to stop after its current batch and waits for it (used on shutdown). */
    async stop(): Promise<void> {
      controller?.abort();
      await running;
    },
  };
};

export type RegenerateJobService = ReturnType<typeof createRegenerateJobService>;
export default createRegenerateJobService;
